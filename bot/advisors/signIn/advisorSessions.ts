import type { AdvisorRecord, AdvisorSession, SessionKind } from '../advisorRecords';
import type { AdvisorStore } from '../../ports/advisorStore';
import { RECORD_SCHEMA_VERSION } from '../../records';
import { newSecret, SECRET_PATTERN, secretHash } from './secrets';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** …and this long after it began, whatever the activity. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
/** The idle clock is moved on at most this often (one write per minute, not per page). */
const TOUCH_EVERY_MS = 60_000;

/** A signed-in advisor: their session and their record. */
export interface SignedIn {
  readonly session: AdvisorSession;
  readonly advisor: AdvisorRecord;
}

/**
 * Server-side dashboard sessions in the store, so any bot instance can serve them. The cookie carries a random id; the
 * store keeps only its hash, with the advisor, the organisation and the CSRF token of the session.
 */
export class AdvisorSessions {
  constructor(
    private readonly advisors: AdvisorStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts a session for the advisor; returns the value for the session cookie. */
  async start(advisor: AdvisorRecord, kind: SessionKind): Promise<string> {
    const id = newSecret();
    const now = this.clock();
    await this.advisors.createSession({
      schemaVersion: RECORD_SCHEMA_VERSION,
      idHash: secretHash(id),
      advisorId: advisor.id,
      organisationId: advisor.organisationId,
      kind,
      csrfToken: newSecret(),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    });
    await this.advisors.recordSignIn(advisor.organisationId, advisor.id, now);
    return id;
  }

  /** The advisor of a session cookie, or null for a missing, forged, idle or expired session (which is then removed). */
  async resolve(cookieValue: string | undefined): Promise<SignedIn | null> {
    if (!cookieValue || !SECRET_PATTERN.test(cookieValue)) return null;
    const idHash = secretHash(cookieValue);
    const session = await this.advisors.getSession(idHash);
    if (!session) return null;
    const now = this.clock().getTime();
    if (now >= Date.parse(session.expiresAt) || now - Date.parse(session.lastSeenAt) >= SESSION_IDLE_MS) {
      await this.advisors.deleteSession(idHash);
      return null;
    }
    const advisor = await this.advisors.getAdvisor(session.organisationId, session.advisorId);
    if (!advisor) return null;
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) await this.advisors.touchSession(idHash, new Date(now));
    return { session, advisor };
  }

  async end(cookieValue: string | undefined): Promise<void> {
    if (cookieValue && SECRET_PATTERN.test(cookieValue)) await this.advisors.deleteSession(secretHash(cookieValue));
  }
}
