import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HmacEnvelope } from './hmacEnvelope';

const LEARNER_KEY = /^wl_[A-Za-z0-9_-]{32}$/;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ORGANISATION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE_ID = /^[A-Za-z0-9_-]{16,64}$/;

const accessSchema = z.strictObject({
  learnerKey: z.string().regex(LEARNER_KEY),
  conversationId: z.string().regex(CONVERSATION_ID),
  organisationId: z.string().regex(ORGANISATION_ID).max(80),
  pageId: z.string().regex(PAGE_ID),
  generation: z.int().min(1),
  exp: z.int(),
});
/** What an access token vouches for: the learner, their conversation and organisation, and which page and generation it is. */
export type AccessClaims = z.infer<typeof accessSchema>;

const resumeSchema = z.strictObject({ learnerKey: z.string().regex(LEARNER_KEY), generation: z.int().min(1) });
/** What a resume key names: the learner and the key's generation (the server's record says whether it is still good). */
export type ResumeClaims = z.infer<typeof resumeSchema>;

const legacySchema = z.object({
  learnerKey: z.string().regex(LEARNER_KEY),
  conversationId: z.string().regex(CONVERSATION_ID),
  organisationId: z.string().regex(ORGANISATION_ID).optional(),
  exp: z.int(),
});
/** A token of the first release (`wc1`, stateless, one hour), which a page may still have stored. */
export type LegacyClaims = z.infer<typeof legacySchema>;

/** A freshly signed access token, with what the Direct Line responses need. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly claims: AccessClaims;
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}

export type AccessCheck =
  { readonly ok: true; readonly claims: AccessClaims } | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

export interface WebChatTokensOptions {
  /** HMAC-SHA256 key, at least 32 bytes. Every process behind one address must share it. */
  readonly secret: string | Buffer;
  /** Lifetime of an access token in seconds. */
  readonly accessTokenSeconds: number;
  /** Clock in milliseconds (tests). */
  readonly now?: () => number;
}

/**
 * The signed values of the web chat (see HmacEnvelope): access tokens (`wc2`, the Direct Line bearer token, short-lived),
 * resume keys (`wr1`, kept by the page to come back later) and, read only, the first release's tokens (`wc1`). A
 * signature says who issued a value; whether it is still good is decided by the session record (WebChatSessions).
 */
export class WebChatTokens {
  private readonly access: HmacEnvelope;
  private readonly resume: HmacEnvelope;
  private readonly legacy: HmacEnvelope;
  private readonly now: () => number;

  constructor(private readonly options: WebChatTokensOptions) {
    const secret = Buffer.isBuffer(options.secret) ? options.secret : Buffer.from(options.secret, 'utf8');
    if (secret.length < 32) throw new Error('WebChatTokens: the secret must be at least 32 bytes');
    this.access = new HmacEnvelope(secret, 'wc2');
    this.resume = new HmacEnvelope(secret, 'wr1');
    this.legacy = new HmacEnvelope(secret, 'wc1');
    this.now = options.now ?? Date.now;
  }

  /** Signs an access token valid for the configured lifetime from now. */
  sealAccess(subject: Omit<AccessClaims, 'exp'>): IssuedAccessToken {
    const claims: AccessClaims = { ...subject, exp: Math.floor(this.now() / 1000) + this.options.accessTokenSeconds };
    return { token: this.access.seal(claims), claims, expiresIn: this.options.accessTokenSeconds };
  }

  /** Checks an access token's format, signature (in constant time) and expiry. */
  openAccess(token: string): AccessCheck {
    const opened = this.access.open(token);
    if (!opened.ok) return opened;
    const claims = accessSchema.safeParse(opened.payload);
    if (!claims.success) return { ok: false, reason: 'malformed' };
    if (claims.data.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims.data };
  }

  sealResume(claims: ResumeClaims): string {
    return this.resume.seal(claims);
  }

  /** The claims of a genuine resume key, or null. */
  openResume(key: string): ResumeClaims | null {
    const opened = this.resume.open(key);
    const claims = opened.ok ? resumeSchema.safeParse(opened.payload) : null;
    return claims?.success ? claims.data : null;
  }

  /** The claims of a genuine first-release token that expired at most `graceSeconds` ago, or null. */
  openLegacy(token: string, graceSeconds: number): LegacyClaims | null {
    const opened = this.legacy.open(token);
    const claims = opened.ok ? legacySchema.safeParse(opened.payload) : null;
    if (!claims?.success) return null;
    return (claims.data.exp + graceSeconds) * 1000 > this.now() ? claims.data : null;
  }
}

/** A new server-issued learner key: 'wl_' + 24 random bytes, base64url. */
export function newLearnerKey(): string {
  return `wl_${randomBytes(24).toString('base64url')}`;
}

/** A new page id: 18 random bytes, base64url. */
export function newPageId(): string {
  return randomBytes(18).toString('base64url');
}

/** The learner's one Direct Line conversation; stable, so a reloaded page continues where it was. */
export function conversationIdFor(learnerKey: string): string {
  return `dl_${createHash('sha256').update(`directline-conversation:${learnerKey}`, 'utf8').digest('base64url').slice(0, 32)}`;
}
