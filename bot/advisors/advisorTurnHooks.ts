import type { AccessLogEntry, AdvisorRequestRecord, DeliveryRecord, LearnerReplyRecord, NoteRecord } from './advisorRecords';
import type { LearnerRecord, ProgressRecord } from '../records';

/** What "export my data" adds from the advisor side: notes, requests, replies, deliveries and who viewed the record. */
export interface AdvisorExport {
  readonly notes: readonly NoteRecord[];
  readonly advisorRequests: readonly AdvisorRequestRecord[];
  readonly replies: readonly LearnerReplyRecord[];
  readonly deliveries: readonly DeliveryRecord[];
  readonly accessLog: readonly AccessLogEntry[];
}

/**
 * What the turn engine tells the advisor side, and asks of it. The engine calls these only after its own commit, so
 * a conflicted turn that is re-applied never reaches them twice.
 */
export interface AdvisorTurnHooks {
  /**
   * A turn committed: refreshes the learner's cohort entry from the learner as the turn left them (the consent it
   * mirrored counts at once) and, when the learner opened a conversation, makes notes that waited for their visit
   * due. Never rejects.
   */
  turnCommitted(learner: LearnerRecord, progress: ProgressRecord, opened: boolean): Promise<void>;
  /** "Talk to an advisor": a request the dashboard shows until an advisor answers with a note. */
  requestAdvisor(learner: LearnerRecord): Promise<void>;
  /** The learner's reply to a note; false when the note is not one of theirs (nothing is stored). */
  recordReply(learner: LearnerRecord, noteId: string, text: string): Promise<boolean>;
  exportOf(learnerId: string): Promise<AdvisorExport>;
  /** "Delete my data": the learner's notes, requests, replies, deliveries, access log and cohort entry. */
  forgetLearner(learnerId: string): Promise<void>;
  /** The Store has deleted the learner: removes a cohort entry a turn on another device wrote meanwhile. */
  learnerDeleted(learnerId: string): Promise<void>;
}
