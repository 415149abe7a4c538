import type { Collection, Db, Document, IndexDescription } from 'mongodb';
import { guardStore } from '../storeGuard';
import { withinOperationDeadline } from './withDeadline';

/**
 * The collections of the advisor side in the MongoDB store's database, and their indexes. Every query of the
 * dashboard is served by one of these (the cohort's list by organisation + consent + its sort key).
 */
export const ADVISOR_COLLECTIONS = {
  advisors: 'advisors',
  signInLinks: 'signInLinks',
  advisorSessions: 'advisorSessions',
  oidcLogins: 'oidcLogins',
  signInAttempts: 'signInAttempts',
  notes: 'notes',
  advisorRequests: 'advisorRequests',
  learnerReplies: 'learnerReplies',
  accessLog: 'accessLog',
  outbox: 'outbox',
  cohort: 'cohort',
} as const;

type AdvisorCollection = keyof typeof ADVISOR_COLLECTIONS;

/** "Export my data" and "delete my data" find a learner's records by learner alone, without their organisation. */
const BY_LEARNER: IndexDescription = { key: { learnerId: 1 }, name: 'learnerId' };

export const ADVISOR_INDEXES: Readonly<Record<AdvisorCollection, readonly IndexDescription[]>> = {
  advisors: [
    { key: { organisationId: 1, email: 1 }, name: 'organisation_email_unique', unique: true },
    { key: { email: 1 }, name: 'email' },
    { key: { entraTenantId: 1, entraObjectId: 1 }, name: 'entra' },
  ],
  signInLinks: [{ key: { expireAt: 1 }, name: 'expireAt_ttl', expireAfterSeconds: 0 }],
  advisorSessions: [{ key: { expireAt: 1 }, name: 'expireAt_ttl', expireAfterSeconds: 0 }],
  oidcLogins: [{ key: { expireAt: 1 }, name: 'expireAt_ttl', expireAfterSeconds: 0 }],
  signInAttempts: [{ key: { expireAt: 1 }, name: 'expireAt_ttl', expireAfterSeconds: 0 }],
  notes: [{ key: { organisationId: 1, learnerId: 1, createdAt: 1 }, name: 'organisation_learner_createdAt' }, BY_LEARNER],
  advisorRequests: [{ key: { organisationId: 1, status: 1, learnerId: 1 }, name: 'organisation_status_learner' }, BY_LEARNER],
  learnerReplies: [{ key: { organisationId: 1, learnerId: 1, createdAt: 1 }, name: 'organisation_learner_createdAt' }, BY_LEARNER],
  accessLog: [{ key: { organisationId: 1, learnerId: 1, at: 1 }, name: 'organisation_learner_at' }, BY_LEARNER],
  outbox: [
    { key: { status: 1, nextAttemptAt: 1 }, name: 'status_nextAttemptAt' },
    { key: { status: 1, leaseUntil: 1 }, name: 'status_leaseUntil' },
    { key: { organisationId: 1, noteId: 1 }, name: 'organisation_note' },
    { key: { learnerId: 1, status: 1 }, name: 'learner_status' },
  ],
  cohort: [
    { key: { organisationId: 1, sharesWithAdvisors: 1, lastActiveAt: -1, learnerId: 1 }, name: 'cohort_lastActive' },
    { key: { organisationId: 1, sharesWithAdvisors: 1, sortName: 1, learnerId: 1 }, name: 'cohort_name' },
    { key: { organisationId: 1, sharesWithAdvisors: 1, lessonsDone: -1, learnerId: 1 }, name: 'cohort_lessonsDone' },
    { key: { organisationId: 1, sharesWithAdvisors: 1, searchTerms: 1 }, name: 'cohort_search' },
    { key: { organisationId: 1, sharesWithAdvisors: 1, startedModules: 1 }, name: 'cohort_module' },
  ],
};

/**
 * Access to the advisor collections of one database: indexes are ensured before the first operation (and again after
 * a failure, like the MongoStore's), each operation runs within `deadlineMs` or what is left of the request's budget
 * (the cohort entry's upsert is part of a learner's turn), and every failure becomes a StoreUnavailableError.
 */
export class AdvisorDatabase {
  private indexesReady = false;
  private ensuring: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly names: readonly AdvisorCollection[],
    private readonly deadlineMs = Infinity,
  ) {}

  collection<T extends Document>(name: AdvisorCollection): Collection<T> {
    return this.db.collection<T>(ADVISOR_COLLECTIONS[name]);
  }

  /** `limitMs` replaces the deadline for an operation of many round trips (each has the driver's socket timeout). */
  async run<T>(operation: string, task: () => Promise<T>, limitMs = this.deadlineMs): Promise<T> {
    return guardStore('MongoDB store', operation, () =>
      withinOperationDeadline(limitMs, async () => {
        await this.ready();
        return task();
      }),
    );
  }

  private async ready(): Promise<void> {
    if (this.indexesReady) return;
    this.ensuring ??= (async () => {
      for (const name of this.names) await this.db.collection(ADVISOR_COLLECTIONS[name]).createIndexes([...ADVISOR_INDEXES[name]]);
      this.indexesReady = true;
    })().finally(() => {
      this.ensuring = null;
    });
    await this.ensuring;
  }
}
