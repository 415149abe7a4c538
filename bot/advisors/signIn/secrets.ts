import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret for a link, a session or an OIDC state: 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How the store keeps a secret: its SHA-256, hex. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A secret as a client sends it: base64url of 32 bytes, nothing else. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
