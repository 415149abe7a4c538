/**
 * What a channel delivered, as the channel names it: a redelivery (a retry, a double click, a client that
 * re-posts) carries the same three values.
 */
export interface DeliveryKey {
  /** 'msteams', 'directline', … */
  readonly channel: string;
  readonly conversationId: string;
  /** The channel's activity id, or the id the client gave its activity (Direct Line: clientActivityID). */
  readonly activityId: string;
}

/** The outcome of claiming a delivery. */
export type DeliveryClaim =
  /** Nobody has run this delivery (or its last runner's lease ran out): the caller runs it, then completes or releases it. */
  | { readonly state: 'claimed'; readonly claimId: string }
  /** It was run: here is what it answered (the JSON given to complete). */
  | { readonly state: 'answered'; readonly result: unknown }
  /** Someone is running it now (another request, maybe on another instance). */
  | { readonly state: 'running' };

/**
 * The record of deliveries the bot has answered, so that each runs once however often it arrives and a redelivery
 * gets the original answer. Implemented by the embedded file store and the MongoDB store; both pass the same
 * contract tests. An answered delivery is kept for the store's retention (at least 24 hours: channels redeliver
 * within minutes), bounded by time, not by a count.
 *
 * Every method either does what it says or rejects with a StoreUnavailableError.
 */
export interface TurnResults {
  /**
   * Atomically claims the delivery unless it has been answered or is being run: of any number of concurrent claims of
   * one key, one gets 'claimed'. A claim not completed within `leaseMs` may be taken over (its runner died).
   */
  claim(key: DeliveryKey, leaseMs: number): Promise<DeliveryClaim>;
  /** Records the answer of a claimed delivery (any JSON value). Only the holder of the claim can complete it. */
  complete(key: DeliveryKey, claimId: string, result: unknown): Promise<void>;
  /** Gives a claim up without an answer (the turn failed), so that a redelivery runs it again. */
  release(key: DeliveryKey, claimId: string): Promise<void>;
  /** Forgets every delivery of a conversation (the learner deleted their data: answers may quote them). */
  forgetConversation(channel: string, conversationId: string): Promise<void>;
}

/** How long an answered delivery is remembered unless a store is told otherwise. */
export const DEFAULT_TURN_RESULT_RETENTION_MS = 24 * 60 * 60 * 1000;
