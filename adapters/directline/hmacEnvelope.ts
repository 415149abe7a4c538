import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]{1,2048}$/;
/** HMAC-SHA256 is 32 bytes: 43 base64url characters without padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export type OpenedEnvelope =
  { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' };

/**
 * `<kind>.<base64url(JSON)>.<base64url(HMAC-SHA256)>`, the MAC taken over `<kind>.<payload part>`, so that a value
 * signed as one kind (a web-chat token) can never pass as another (an embed grant). Stateless: any process holding
 * the key can check it.
 */
export class HmacEnvelope {
  constructor(
    private readonly key: Buffer,
    private readonly kind: string,
  ) {
    if (key.length < 32) throw new Error('HmacEnvelope: the key must be at least 32 bytes');
  }

  seal(payload: unknown): string {
    const body = `${this.kind}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** Checks format and signature (in constant time); the payload is the parsed JSON, not yet validated. */
  open(sealed: string): OpenedEnvelope {
    const parts = sealed.split('.');
    if (parts.length !== 3 || parts[0] !== this.kind) return { ok: false, reason: 'malformed' };
    const [, payloadPart = '', signaturePart = ''] = parts;
    if (!BASE64URL.test(payloadPart) || !SIGNATURE.test(signaturePart)) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(`${this.kind}.${payloadPart}`), 'base64url');
    const given = Buffer.from(signaturePart, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    try {
      return { ok: true, payload: JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as unknown };
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body, 'utf8').digest('base64url');
  }
}
