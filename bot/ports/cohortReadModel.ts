import type { CohortEntry } from '../advisors/advisorRecords';

export const COHORT_SORTS = ['lastActive', 'name', 'lessonsDone'] as const;
export type CohortSort = (typeof COHORT_SORTS)[number];

/** One page of the cohort: who, in which order, narrowed how. Only learners who share with advisors are listed. */
export interface CohortQuery {
  readonly organisationId: string;
  readonly sort: CohortSort;
  /** Learners who started this module. */
  readonly moduleId?: string;
  /** Only learners not active since this time (stalled). */
  readonly inactiveSince?: Date;
  /** Only these learners (the ones with an open request). */
  readonly learnerIds?: readonly string[];
  /** Word prefixes of the name or venture, normalised like the entries' search terms (every word must match). */
  readonly search?: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

export interface CohortPage {
  readonly entries: readonly CohortEntry[];
  /** How many learners match, over all pages. */
  readonly total: number;
}

/**
 * The advisors' read model of the learners of an organisation: one entry per learner, projected after every
 * committed turn from the learner record and the progress summary the turn writes (collection `cohort`, indexed on
 * organisation + consent + each sort key). Implemented by the file store (query fields in memory, per organisation,
 * read when first asked for) and the MongoDB store; both pass test/storage/advisorPortsContract.ts.
 */
export interface CohortReadModel {
  /** Replaces the learner's entry (keeping its earlier active days, plus `activeDay`). */
  upsert(entry: CohortEntry): Promise<void>;
  page(query: CohortQuery): Promise<CohortPage>;
  /** The learner's entry in this organisation, or null. */
  get(organisationId: string, learnerId: string): Promise<CohortEntry | null>;
  /** Every sharing learner of the organisation (programme analytics). */
  all(organisationId: string): Promise<CohortEntry[]>;
  remove(learnerId: string): Promise<void>;
}
