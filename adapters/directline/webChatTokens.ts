import { createHash, randomBytes } from 'node:crypto';
import { HmacEnvelope } from './hmacEnvelope';

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
const LEARNER_KEY = /^wl_[A-Za-z0-9_-]{32}$/;
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ORGANISATION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Signed, stateless web-chat tokens (`wc1.…`, see HmacEnvelope), so that any bot process holding the secret can check them. */
export class WebChatTokens {
  private readonly envelope: HmacEnvelope;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: WebChatTokensOptions) {
    const secret = Buffer.isBuffer(options.secret) ? options.secret : Buffer.from(options.secret, 'utf8');
    if (secret.length < 32) throw new Error('WebChatTokens: the secret must be at least 32 bytes');
    this.envelope = new HmacEnvelope(secret, VERSION);
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
    return { token: this.envelope.seal(payload), payload, expiresIn: this.ttlSeconds };
  }

  /** Checks format, signature (in constant time) and expiry. */
  verify(token: string): WebChatTokenCheck {
    const opened = this.envelope.open(token);
    if (!opened.ok) return opened;
    const payload = parsePayload(opened.payload);
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
}

/** A new server-issued learner key: 'wl_' + 24 random bytes, base64url. */
export function newLearnerKey(): string {
  return `wl_${randomBytes(24).toString('base64url')}`;
}

/** The learner's one Direct Line conversation; stable, so a reloaded page continues where it was. */
export function conversationIdFor(learnerKey: string): string {
  return `dl_${createHash('sha256').update(`directline-conversation:${learnerKey}`, 'utf8').digest('base64url').slice(0, 32)}`;
}

function parsePayload(value: unknown): WebChatTokenPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { learnerKey, conversationId, organisationId, exp } = value as Record<string, unknown>;
  if (typeof learnerKey !== 'string' || !LEARNER_KEY.test(learnerKey)) return undefined;
  if (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId)) return undefined;
  if (organisationId !== undefined && (typeof organisationId !== 'string' || !ORGANISATION_ID.test(organisationId))) return undefined;
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return undefined;
  return { learnerKey, conversationId, ...(organisationId ? { organisationId } : {}), exp };
}
