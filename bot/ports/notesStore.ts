import type { AccessLogEntry, AdvisorRequestRecord, LearnerReplyRecord, NoteRecord } from '../advisors/advisorRecords';

/** Everything the notes port holds about one learner, for the dashboard's thread and for "export my data". */
export interface LearnerThread {
  readonly notes: readonly NoteRecord[];
  readonly requests: readonly AdvisorRequestRecord[];
  readonly replies: readonly LearnerReplyRecord[];
}

/**
 * Advisors' notes, learners' requests for an advisor and their replies, and the access log (who viewed or exported a
 * learner's record). Implemented by the file store and the MongoDB store (collections `notes`, `advisorRequests`,
 * `learnerReplies`, `accessLog`); both pass test/storage/notesStoreContract.ts.
 *
 * Every read and write names the organisation: a record of another organisation is never returned or changed, even
 * when its id is given.
 */
export interface NotesStore {
  addNote(note: NoteRecord): Promise<void>;
  getNote(organisationId: string, noteId: string): Promise<NoteRecord | null>;
  addRequest(request: AdvisorRequestRecord): Promise<void>;
  /** Marks the learner's open requests answered by this note. */
  answerRequests(organisationId: string, learnerId: string, noteId: string, at: Date): Promise<void>;
  /** Learners of the organisation with at least one open request, and how many each has. */
  openRequestCounts(organisationId: string, learnerIds?: readonly string[]): Promise<ReadonlyMap<string, number>>;
  addReply(reply: LearnerReplyRecord): Promise<void>;
  /** Notes, requests and replies of a learner of the organisation, oldest first. */
  threadOf(organisationId: string, learnerId: string): Promise<LearnerThread>;

  logAccess(entry: AccessLogEntry): Promise<void>;
  accessLogOf(organisationId: string, learnerId: string): Promise<AccessLogEntry[]>;

  /** Everything kept about the learner here, whatever organisation (the learner's own export). */
  exportLearner(learnerId: string): Promise<LearnerThread & { readonly accessLog: readonly AccessLogEntry[] }>;
  /** Deletes the learner's notes, requests, replies and access log entries. */
  deleteLearner(learnerId: string): Promise<void>;
}
