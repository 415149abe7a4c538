/** Limits that keep the buffer's memory bounded. */
export interface ConversationBufferOptions {
  /** Activities kept per conversation; older ones are dropped first. Default 500. */
  readonly maxActivitiesPerConversation?: number;
  /** A conversation nobody has read or written for this long is forgotten. Default 24 hours. */
  readonly idleMs?: number;
  /** Most conversations held at once; the least recently used goes first. Default 10,000. */
  readonly maxConversations?: number;
  /** Clock in milliseconds (tests). */
  readonly now?: () => number;
}

/** An activity as Direct Line carries it: plain JSON with the id and timestamp the stream gave it. */
export interface WireActivity {
  readonly id: string;
  readonly type: string;
  /** ISO time; strictly increasing within a conversation (Web Chat orders by it). */
  readonly timestamp: string;
  readonly [field: string]: unknown;
}

/** What the buffer accepts: any JSON activity (it gives it an id and a timestamp). */
export type BufferableActivity = { readonly type: string; readonly [field: string]: unknown };

/** What a poll returns: activities after the caller's watermark, and the watermark to send next time. */
export interface ActivityPage {
  readonly activities: readonly WireActivity[];
  readonly watermark: number;
}

interface Entry {
  readonly seq: number;
  readonly activity: WireActivity;
}

interface Conversation {
  entries: Entry[];
  lastSeq: number;
  lastTimestampMs: number;
  touchedAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The activity stream of each Direct Line conversation: an ordered list with a numeric watermark, as the
 * Web Chat widget polls it.
 *
 * This is a channel transport buffer held in process memory, not learner state: progress and answers live
 * in the Store, so losing the buffer (restart, eviction) only loses the on-screen history, never the
 * learner's place in the programme. It is bounded per conversation, in number of conversations and by
 * idle time.
 *
 * Sequence numbers of a conversation start at the clock's milliseconds when the buffer first sees it, so a
 * client still holding a watermark from before a restart keeps receiving new activities.
 */
export class ConversationBuffer {
  private readonly conversations = new Map<string, Conversation>();
  private readonly maxActivities: number;
  private readonly idleMs: number;
  private readonly maxConversations: number;
  private readonly now: () => number;
  private lastSweepAt = 0;

  constructor(options: ConversationBufferOptions = {}) {
    this.maxActivities = options.maxActivitiesPerConversation ?? 500;
    this.idleMs = options.idleMs ?? 24 * 60 * 60 * 1000;
    this.maxConversations = options.maxConversations ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether the conversation is currently held. */
  has(conversationId: string): boolean {
    return this.live(conversationId) !== undefined;
  }

  /** Starts holding a conversation (no-op if it is already held). */
  open(conversationId: string): void {
    this.touch(conversationId);
  }

  /**
   * Appends an activity, giving it the next id (`<conversationId>|<seq>`) and a timestamp that is strictly
   * later than the previous one (Web Chat orders by timestamp). Earlier typing activities are dropped:
   * any newer activity supersedes them. Returns the stored copy.
   */
  append(conversationId: string, activity: BufferableActivity): WireActivity {
    const conversation = this.touch(conversationId);
    const seq = conversation.lastSeq + 1;
    const timestampMs = Math.max(this.now(), conversation.lastTimestampMs + 1);
    const stored = frozenCopy({ ...activity, id: `${conversationId}|${seq}`, timestamp: new Date(timestampMs).toISOString() });
    conversation.entries = conversation.entries.filter((entry) => entry.activity.type !== 'typing');
    conversation.entries.push({ seq, activity: stored });
    if (conversation.entries.length > this.maxActivities) {
      conversation.entries.splice(0, conversation.entries.length - this.maxActivities);
    }
    conversation.lastSeq = seq;
    conversation.lastTimestampMs = timestampMs;
    return stored;
  }

  /**
   * Activities after `watermark` (all held ones when it is absent or not one this buffer gave out).
   * Stored activities are frozen plain JSON values, so they can be handed out without copying.
   */
  since(conversationId: string, watermark?: number): ActivityPage {
    const conversation = this.touch(conversationId);
    const from = watermark === undefined || watermark > conversation.lastSeq ? -Infinity : watermark;
    return {
      activities: conversation.entries.filter((entry) => entry.seq > from).map((entry) => entry.activity),
      watermark: conversation.lastSeq,
    };
  }

  /** A held activity by id, if any. */
  find(conversationId: string, activityId: string): WireActivity | undefined {
    return this.live(conversationId)?.entries.find((entry) => entry.activity.id === activityId)?.activity;
  }

  /** Number of conversations held (for health checks and tests). */
  get size(): number {
    return this.conversations.size;
  }

  /** The conversation if it is held and not idle for too long. */
  private live(conversationId: string): Conversation | undefined {
    this.sweep();
    const conversation = this.conversations.get(conversationId);
    if (conversation && this.now() - conversation.touchedAt >= this.idleMs) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return conversation;
  }

  private touch(conversationId: string): Conversation {
    const now = this.now();
    let conversation = this.live(conversationId);
    if (conversation) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.conversations.delete(conversationId);
    } else {
      conversation = { entries: [], lastSeq: now, lastTimestampMs: 0, touchedAt: now };
    }
    conversation.touchedAt = now;
    this.conversations.set(conversationId, conversation);
    while (this.conversations.size > this.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.conversations.delete(oldest);
    }
    return conversation;
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweepAt < Math.min(SWEEP_EVERY_MS, this.idleMs)) return;
    this.lastSweepAt = now;
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.touchedAt >= this.idleMs) this.conversations.delete(id);
    }
  }
}

/** A deep-frozen JSON copy: what the wire would carry, and safe to share between readers. */
function frozenCopy(activity: BufferableActivity): WireActivity {
  return deepFreeze(JSON.parse(JSON.stringify(activity)) as WireActivity);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
