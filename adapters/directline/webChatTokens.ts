import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a web-chat token vouches for. The server, not the browser, decides who the learner is. */
export interface WebChatTokenPayload {
  /** Server-issued random id of the web-chat learner ('wl_' + 24 random bytes, base64url). */
  readonly learnerKey: string;
  /** The one Direct Line conversation this token opens. */
  readonly conversationId: string;
  /** The organisation whose chat the learner opened (the embed's); absent in tokens issued before organisations. */
  readonly organisationId?: string;
  /** Expiry, in seconds since the epoch. */
  readonly exp: number;
}

/** A freshly signed token, with what the Direct Line responses need. */
export interface IssuedWebChatToken {
  readonly token: string;
  readonly payload: WebChatTokenPayload;
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}

/** Why a token was refused. An expired token still names its (genuine) payload. */
export type WebChatTokenFailure =
  | { readonly ok: false; readonly reason: 'malformed' }
  | { readonly ok: false; readonly reason: 'bad-signature' }
  | { readonly ok: false; readonly reason: 'expired'; readonly payload: WebChatTokenPayload };

export type WebChatTokenCheck = { readonly ok: true; readonly payload: WebChatTokenPayload } | WebChatTokenFailure;

export interface WebChatTokensOptions {
  /** HMAC-SHA256 key, at least 32 bytes. Every process behind one address must share it. */
  readonly secret: string | Buffer;
  /** Lifetime of a token in seconds. Default 3600; Direct Line clients refresh every 15 minutes. */
  readonly ttlSeconds?: number;
  /** Clock in milliseconds (tests). */
  readonly now?: () => number;
}

const VERSION = 'wc1';
const BASE64URL = /^[A-Za-z0-9_-]{1,2048}$/;
/** HMAC-SHA256 is 32 bytes: 43 base64url characters without padding. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;
const LEARNER_KEY = /^wl_[A-Za-z0-9_-]{32}$/;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ORGANISATION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Signed, stateless web-chat tokens: `wc1.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>`, the MAC
 * taken over `wc1.<payload part>`. Stateless so that any bot process holding the secret can check them.
 */
export class WebChatTokens {
  private readonly secret: Buffer;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: WebChatTokensOptions) {
    this.secret = Buffer.isBuffer(options.secret) ? options.secret : Buffer.from(options.secret, 'utf8');
    if (this.secret.length < 32) throw new Error('WebChatTokens: the secret must be at least 32 bytes');
    this.ttlSeconds = options.ttlSeconds ?? 3600;
    this.now = options.now ?? Date.now;
  }

  /** A new learner of the organisation, with their own conversation. */
  issueForNewLearner(organisationId: string): IssuedWebChatToken {
    const learnerKey = newLearnerKey();
    return this.issue({ learnerKey, conversationId: conversationIdFor(learnerKey), organisationId });
  }

  /** Signs a token for this learner and conversation, valid for the configured lifetime from now. */
  issue(subject: Pick<WebChatTokenPayload, 'learnerKey' | 'conversationId' | 'organisationId'>): IssuedWebChatToken {
    const payload: WebChatTokenPayload = {
      learnerKey: subject.learnerKey,
      conversationId: subject.conversationId,
      ...(subject.organisationId ? { organisationId: subject.organisationId } : {}),
      exp: Math.floor(this.now() / 1000) + this.ttlSeconds,
    };
    const body = `${VERSION}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
    return { token: `${body}.${this.sign(body)}`, payload, expiresIn: this.ttlSeconds };
  }

  /** Checks format, signature (in constant time) and expiry. */
  verify(token: string): WebChatTokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
    const [, payloadPart = '', signaturePart = ''] = parts;
    if (!BASE64URL.test(payloadPart) || !SIGNATURE.test(signaturePart)) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${VERSION}.${payloadPart}`), 'base64url');
    const given = Buffer.from(signaturePart, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    const payload = parsePayload(payloadPart);
    if (!payload) return { ok: false, reason: 'malformed' };
    if (payload.exp * 1000 <= this.now()) return { ok: false, reason: 'expired', payload };
    return { ok: true, payload };
  }

  /**
   * A new token for the same learner and conversation. With `expiredGraceSeconds`, a token that expired at
   * most that long ago is also accepted (a page reloaded after a pause keeps its learner).
   */
  refresh(token: string, options: { expiredGraceSeconds?: number } = {}): IssuedWebChatToken | WebChatTokenFailure {
    const check = this.verify(token);
    if (check.ok) return this.issue(check.payload);
    const grace = options.expiredGraceSeconds ?? 0;
    if (check.reason === 'expired' && (check.payload.exp + grace) * 1000 > this.now()) return this.issue(check.payload);
    return check;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body, 'utf8').digest('base64url');
  }
}

/** A new server-issued learner key: 'wl_' + 24 random bytes, base64url. */
export function newLearnerKey(): string {
  return `wl_${randomBytes(24).toString('base64url')}`;
}

/** The learner's one Direct Line conversation; stable, so a reloaded page continues where it was. */
export function conversationIdFor(learnerKey: string): string {
  return `dl_${createHash('sha256').update(`directline-conversation:${learnerKey}`, 'utf8').digest('base64url').slice(0, 32)}`;
}

function parsePayload(part: string): WebChatTokenPayload | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { learnerKey, conversationId, organisationId, exp } = value as Record<string, unknown>;
    if (typeof learnerKey !== 'string' || !LEARNER_KEY.test(learnerKey)) return undefined;
    if (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId)) return undefined;
    if (organisationId !== undefined && (typeof organisationId !== 'string' || !ORGANISATION_ID.test(organisationId))) return undefined;
    if (typeof exp !== 'number' || !Number.isInteger(exp)) return undefined;
    return { learnerKey, conversationId, ...(organisationId ? { organisationId } : {}), exp };
  } catch {
    return undefined;
  }
}
