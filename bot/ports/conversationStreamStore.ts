/** One activity of a web-chat conversation's stream, as the store keeps it. */
export interface StreamEntry {
  /**
   * Position in the conversation, strictly increasing; the Direct Line watermark. A new stream starts at the clock's
   * milliseconds, so a watermark a page kept from an earlier (expired or deleted) stream never hides new activities.
   */
  readonly seq: number;
  /** Milliseconds since the epoch, strictly increasing within the conversation (Web Chat orders by it). */
  readonly timestampMs: number;
  /** The activity as plain JSON, without its stream id and timestamp (see `seq`, `timestampMs`). */
  readonly activity: Readonly<Record<string, unknown>>;
}

/** A page of a stream: entries after the caller's watermark, oldest first. */
export interface StreamPage {
  readonly entries: readonly StreamEntry[];
  /** More entries follow the last one returned (the page was cut at its size limit). */
  readonly more: boolean;
}

/** How much of a conversation's stream is kept. */
export interface StreamBudget {
  /** Total bytes (JSON) of the kept activities; the oldest go first. */
  readonly bytesPerConversation: number;
  readonly activitiesPerConversation: number;
  /** An activity older than this is gone (a TTL in MongoDB). */
  readonly ttlMs: number;
}

/**
 * Where the web channel keeps each Direct Line conversation's activity stream (what the widget polls, with
 * watermarks), so that a restarted or another bot process serves the same stream. A transport buffer, not learner
 * state: progress and answers are in the Store; but it holds the learner's words, so "delete my data" deletes it.
 *
 * Implementations keep the order safe with several writers: an entry becomes visible only after every entry before it,
 * so a poller that has seen seq N has seen everything up to N.
 */
export interface ConversationStreamStore {
  /**
   * Appends activities in order and returns them as stored. Each is given the next seq and a timestamp later than the
   * previous one's and no earlier than `nowMs`. The oldest activities beyond the budget are dropped.
   */
  append(conversationId: string, activities: readonly Readonly<Record<string, unknown>>[], nowMs: number): Promise<StreamEntry[]>;
  /** Entries with seq > `afterSeq` (all kept ones when it is undefined), oldest first, at most `maxBytes` in one page. */
  read(conversationId: string, afterSeq: number | undefined, nowMs: number, maxBytes: number): Promise<StreamPage>;
  /** Whether anything of this conversation is kept. */
  exists(conversationId: string, nowMs: number): Promise<boolean>;
  /** Deletes every kept activity of the conversation. */
  delete(conversationId: string): Promise<void>;
  close(): Promise<void>;
}
