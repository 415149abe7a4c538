import type { Organisation } from '../organisations/organisation';
import type { AnswerRecord, Identity, LearnerRecord, ProgressRecord } from '../records';
import type { TurnResults } from './turnResults';
import type { AdvisorExport } from '../advisors/advisorTurnHooks';

/** An organisation as the store keeps it: its settings as loaded at start-up. */
export type OrganisationRecord = Organisation;

/** A pending cross-channel link: the hash of the code shown to the learner, whose it is, and until when. */
export interface LinkCode {
  readonly codeHash: string;
  readonly learnerId: string;
  /** The code links only identities of this organisation. */
  readonly organisationId: string;
  /** ISO timestamp. */
  readonly expiresAt: string;
}

/** The outcome of a conditional progress write. */
export type SaveResult = 'saved' | 'conflict';

/** Everything stored about one learner, as returned by "export my data". */
export interface LearnerExport {
  readonly learner: LearnerRecord;
  readonly progress: ProgressRecord | null;
  readonly answers: readonly AnswerRecord[];
  /** The advisor side's part (notes, requests, replies, deliveries, who viewed the record), added by the bot. */
  readonly advisors?: AdvisorExport;
}

export interface StoreHealth {
  readonly ok: boolean;
  /** Which store answered, for /healthz ("file", "mongodb"). */
  readonly kind: string;
  readonly detail?: string;
}

/**
 * Where learners, their progress and their answers live. Implemented by the embedded file store and the
 * MongoDB store; both pass the same contract tests.
 *
 * Every method either does what it says or rejects with a StoreUnavailableError; nothing is half-written.
 */
export interface Store {
  /**
   * The learner known by this identity in this organisation, or a new one created for it (race-safe: two concurrent
   * calls get one learner). The same identity in another organisation is another learner.
   */
  resolveLearner(identity: Identity, organisationId: string): Promise<LearnerRecord>;
  /** The learner known by this identity in this organisation, or null; never creates one. */
  findLearner(identity: Identity, organisationId: string): Promise<LearnerRecord | null>;
  getLearner(learnerId: string): Promise<LearnerRecord | null>;
  /** Replaces the learner's profile fields (locale, names, consent); identities and ids are kept. */
  updateLearnerProfile(
    learnerId: string,
    profile: Pick<LearnerRecord, 'locale' | 'displayName' | 'ventureName' | 'consentedAt' | 'sharesWithAdvisors'>,
  ): Promise<void>;
  /**
   * Adds another channel identity to a learner (cross-channel linking), within the learner's organisation; linking an
   * identity the learner already has is a no-op. Rejects with IdentityTakenError if the identity belongs to someone else.
   */
  linkIdentity(learnerId: string, identity: Identity): Promise<void>;

  /** Keeps a one-time code that links another channel identity to this learner (stored by its hash only). */
  saveLinkCode(code: LinkCode): Promise<void>;
  /**
   * Consumes a link code: the learner id if the code exists, belongs to this organisation and has not expired at
   * `now`, else null. A code is single-use: of two concurrent redemptions at most one gets the learner id. A code of
   * another organisation is left alone (it stays usable in its own).
   */
  redeemLinkCode(codeHash: string, organisationId: string, now: Date): Promise<string | null>;

  /** One read of the learner's progress document. */
  loadProgress(learnerId: string): Promise<ProgressRecord | null>;
  /**
   * One conditional write: succeeds only if the stored version is still `expectedVersion`
   * (or, with null, if no document exists yet). The record's version must be expectedVersion + 1 (or 1).
   */
  saveProgress(record: ProgressRecord, expectedVersion: number | null): Promise<SaveResult>;

  /** Appends an answer; a second record with the same (learnerId, activityId) is ignored and reported as 'duplicate'. */
  appendAnswer(record: AnswerRecord): Promise<'recorded' | 'duplicate'>;
  listAnswers(learnerId: string): Promise<AnswerRecord[]>;

  exportLearner(learnerId: string): Promise<LearnerExport | null>;
  /** Deletes everything stored about the learner, in every collection (link codes included). */
  deleteLearner(learnerId: string): Promise<void>;

  /** Keeps a copy of the organisations the bot serves (replacing earlier copies of the same ids), for advisors' views. */
  saveOrganisations(organisations: readonly OrganisationRecord[]): Promise<void>;
  listOrganisations(): Promise<OrganisationRecord[]>;

  /** The record of answered channel deliveries in this store, so that each runs once (see TurnResults). */
  turnResults(): TurnResults;

  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** The store cannot be reached or failed; the turn is abandoned and nothing is written. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The store refuses to open because another process uses it (the embedded file store serves one process); the bot
 * must not start. The message says which process and what to do.
 */
export class StoreInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreInUseError';
  }
}

/** linkIdentity was asked to link an identity that already belongs to another learner; nothing was changed. */
export class IdentityTakenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityTakenError';
  }
}
