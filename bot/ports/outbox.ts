import type { DeliveryRecord } from '../advisors/advisorRecords';

/** A delivery a dispatcher holds: it may send it until `leaseUntil`, and must settle it under its own name. */
export type ClaimedDelivery = DeliveryRecord & { readonly status: 'sending'; readonly leaseOwner: string; readonly leaseUntil: string };

/**
 * Messages to learners that are sent outside a turn, kept in the store first (collection `outbox`), so a note is sent
 * once even with several bot instances, or after one crashed mid-send. Implemented by the file store and the MongoDB
 * store; both pass test/storage/outboxContract.ts.
 *
 * Life of a delivery: pending → (claimed) sending → delivered | pending again with a later nextAttemptAt | failed;
 * or waiting-for-visit (no channel can reach the learner now) → pending when the learner next opens a conversation.
 * A `sending` delivery whose lease has run out counts as pending. Settling names the lease owner and does nothing
 * (returns false) when the lease has passed to someone else.
 */
export interface Outbox {
  enqueue(delivery: DeliveryRecord): Promise<void>;
  /** Claims up to `limit` deliveries that are due at `now` (pending, or sending with an expired lease), oldest first. */
  claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /** True if `owner` still holds the lease at `now` (checked right before sending). */
  holdsLease(deliveryId: string, owner: string, now: Date): Promise<boolean>;
  markDelivered(deliveryId: string, owner: string, channel: string, at: Date): Promise<boolean>;
  /** Back to pending, to be tried again at `nextAttemptAt`. */
  markRetry(deliveryId: string, owner: string, nextAttemptAt: Date, reason: string): Promise<boolean>;
  markFailed(deliveryId: string, owner: string, reason: string): Promise<boolean>;
  markWaitingForVisit(deliveryId: string, owner: string, reason: string): Promise<boolean>;
  /** The learner opened a conversation: their deliveries waiting for a visit become due at `now`. Returns how many. */
  wake(learnerId: string, now: Date): Promise<number>;
  /** The deliveries of these notes in the organisation (one per note). */
  forNotes(organisationId: string, noteIds: readonly string[]): Promise<DeliveryRecord[]>;
  /** Every delivery of the learner (the learner's own export). */
  listForLearner(learnerId: string): Promise<DeliveryRecord[]>;
  deleteLearner(learnerId: string): Promise<void>;
}
