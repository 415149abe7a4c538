import type { SessionEndReason, WebSessionRecord, WebSessionStore } from '../../bot/ports/webSessionStore';
import { StoreUnavailableError } from '../../bot/ports/store';
import type { DirectLineRefusal } from './directLineHttp';
import { WEB_CHAT_LIMITS } from './webChatLimits';
import { accessWith, ended, newSessionRecord, refreshWith, resumeWith } from './webChatSessionRules';
import { type AccessClaims, type IssuedAccessToken, newLearnerKey, newPageId, type WebChatTokens } from './webChatTokens';

/** A page's new session: its access token and the resume key the page keeps for next time. */
export interface IssuedSession {
  readonly access: IssuedAccessToken;
  readonly resumeKey: string;
}

/** An access token that may be used; `ended`: the learner's data was deleted (only a poll is answered, saying so). */
export interface Authenticated {
  readonly claims: AccessClaims;
  readonly ended: boolean;
}

export interface WebChatSessionsOptions {
  readonly store: WebSessionStore;
  readonly tokens: WebChatTokens;
  readonly now?: () => number;
}

const MAX_WRITE_ATTEMPTS = 10;
/** How long after its expiry a first-release token still brings its learner back (as that release allowed). */
const LEGACY_GRACE_SECONDS = 30 * 24 * 60 * 60;

const expiredToken: DirectLineRefusal = { status: 403, code: 'TokenExpired', message: 'The token is no longer valid; start a new session.' };

/**
 * Web-chat sessions: issues, refreshes, resumes and ends them by the rules in webChatSessionRules, keeping the records
 * in the store so that every bot process sees the same sessions. Checking an access token costs one read, cached for a
 * few seconds per process; only issuing, refreshing, resuming and ending write.
 */
export class WebChatSessions {
  private readonly cache = new Map<string, { record: WebSessionRecord | null; readAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: WebChatSessionsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A new learner of the organisation, with their own conversation. */
  async startNew(organisationId: string): Promise<IssuedSession> {
    const nowMs = this.now();
    const pageId = newPageId();
    const record = newSessionRecord(newLearnerKey(), organisationId, pageId, nowMs);
    if ((await this.options.store.save(record, null, nowMs)) === 'conflict') throw new StoreUnavailableError('a new learner key was already taken');
    this.remember(record);
    return this.issue(record, pageId, record.resumeGeneration + 1);
  }

  /** The learner a genuine resume key names (whether or not it still opens a session), else null. */
  learnerOfResumeKey(resumeKey: string): string | null {
    return this.options.tokens.openResume(resumeKey)?.learnerKey ?? null;
  }

  /** A returning learner's new page, or null when the key no longer opens anything (then the page starts afresh). */
  async resume(resumeKey: string, organisationId: string): Promise<IssuedSession | null> {
    const claims = this.options.tokens.openResume(resumeKey);
    if (!claims) return null;
    const pageId = newPageId();
    const outcome = await this.change(claims.learnerKey, (record, nowMs) =>
      record.organisationId === organisationId ? resumeWith(record, claims.generation, pageId, nowMs) : { kind: 'refused' as const },
    );
    return outcome?.kind === 'resumed' ? this.issue(outcome.record, pageId, outcome.nextKeyGeneration) : null;
  }

  /**
   * A learner whose page kept a first-release token (stateless, one hour) comes back once: the token opens a record
   * if none exists yet for its learner; after that only the resume key does.
   */
  async resumeLegacy(token: string, organisationId: string, defaultOrganisationId: string): Promise<IssuedSession | null> {
    const claims = this.options.tokens.openLegacy(token, LEGACY_GRACE_SECONDS);
    if (!claims || (claims.organisationId ?? defaultOrganisationId) !== organisationId) return null;
    const nowMs = this.now();
    const pageId = newPageId();
    const record = { ...newSessionRecord(claims.learnerKey, organisationId, pageId, nowMs), conversationId: claims.conversationId };
    if ((await this.options.store.save(record, null, nowMs)) === 'conflict') return null;
    this.remember(record);
    return this.issue(record, pageId, record.resumeGeneration + 1);
  }

  /** The page's next access token; the one presented stops working (after a moment). */
  async refresh(token: string): Promise<IssuedAccessToken | DirectLineRefusal> {
    const opened = this.open(token);
    if ('status' in opened) return opened;
    const outcome = await this.change(opened.learnerKey, (record, nowMs) => refreshWith(record, opened, nowMs));
    if (outcome?.kind !== 'refreshed') return expiredToken;
    return this.options.tokens.sealAccess({ ...opened, generation: outcome.generation });
  }

  /** The token's claims if it may be used now: 401 for a missing or forged token, 403 for one that is no longer good. */
  async authenticate(token: string | undefined): Promise<Authenticated | DirectLineRefusal> {
    if (!token) return { status: 401, code: 'Unauthorized', message: 'A Bearer token is required.' };
    const opened = this.open(token);
    if ('status' in opened) return opened;
    const nowMs = this.now();
    const outcome = accessWith(await this.cachedRecord(opened.learnerKey, nowMs), opened, nowMs);
    if (outcome === 'refused') return expiredToken;
    return { claims: opened, ended: outcome === 'ended' };
  }

  /** Ends every session of the learner: their tokens and resume key stop working. */
  async end(learnerKey: string, reason: SessionEndReason): Promise<void> {
    await this.change(learnerKey, (record, nowMs) =>
      record.ended ? { kind: 'unchanged' as const } : { kind: 'ended' as const, record: ended(record, reason, nowMs) },
    );
  }

  private open(token: string): AccessClaims | DirectLineRefusal {
    const check = this.options.tokens.openAccess(token);
    if (check.ok) return check.claims;
    if (check.reason === 'expired')
      return { status: 403, code: 'TokenExpired', message: 'The token has expired; refresh it or start a new session.' };
    return { status: 401, code: 'Unauthorized', message: 'The token is not valid.' };
  }

  private issue(record: WebSessionRecord, pageId: string, nextKeyGeneration: number): IssuedSession {
    const access = this.options.tokens.sealAccess({
      learnerKey: record.learnerKey,
      conversationId: record.conversationId,
      organisationId: record.organisationId,
      pageId,
      generation: record.pages[pageId]?.generation ?? 1,
    });
    return { access, resumeKey: this.options.tokens.sealResume({ learnerKey: record.learnerKey, generation: nextKeyGeneration }) };
  }

  /**
   * Reads the record, applies a rule and writes the outcome's record with compare-and-set, again on a conflict. Null
   * when there is no record.
   */
  private async change<O extends { kind: string; record?: WebSessionRecord }>(
    learnerKey: string,
    rule: (record: WebSessionRecord, nowMs: number) => O,
  ): Promise<O | null> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const nowMs = this.now();
      const record = await this.options.store.get(learnerKey, nowMs);
      this.remember(record, learnerKey);
      if (!record) return null;
      const outcome = rule(record, nowMs);
      if (!outcome.record) return outcome;
      if ((await this.options.store.save(outcome.record, record.version, nowMs)) === 'saved') {
        this.remember(outcome.record);
        return outcome;
      }
    }
    throw new StoreUnavailableError(`the web-chat session of ${learnerKey} kept changing; try again`);
  }

  private async cachedRecord(learnerKey: string, nowMs: number): Promise<WebSessionRecord | null> {
    const cached = this.cache.get(learnerKey);
    if (cached && nowMs - cached.readAt < WEB_CHAT_LIMITS.sessionCacheMs) return cached.record;
    const record = await this.options.store.get(learnerKey, nowMs);
    this.remember(record, learnerKey);
    return record;
  }

  private remember(record: WebSessionRecord | null, learnerKey = record?.learnerKey): void {
    if (!learnerKey) return;
    this.cache.delete(learnerKey);
    this.cache.set(learnerKey, { record, readAt: this.now() });
    for (const key of this.cache.keys()) {
      if (this.cache.size <= WEB_CHAT_LIMITS.sessionCacheEntries) break;
      this.cache.delete(key);
    }
  }
}
