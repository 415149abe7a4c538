import type { ConversationStreamStore, StreamEntry } from '../../bot/ports/conversationStreamStore';
import { WEB_CHAT_LIMITS } from './webChatLimits';

/** An activity as Direct Line carries it: plain JSON with the id and timestamp the stream gave it. */
export interface WireActivity {
  readonly id: string;
  readonly type: string;
  /** ISO time; strictly increasing within a conversation (Web Chat orders by it). */
  readonly timestamp: string;
  readonly [field: string]: unknown;
}

/** What a stream accepts: any JSON activity (it gives it an id and a timestamp). */
export type StreamableActivity = { readonly type: string };

/** What a poll returns: activities after the caller's watermark, and the watermark to send next time. */
export interface ActivityPage {
  readonly activities: readonly WireActivity[];
  /** The seq of the last activity returned, or the caller's watermark when there is nothing new ('' for an empty stream). */
  readonly watermark: string;
}

/**
 * The activity stream of each Direct Line conversation, as the Web Chat widget polls it: ids `<conversationId>|<seq>`,
 * the seq as the watermark, ISO timestamps. Kept in the store (ConversationStreamStore), so that a restart or another
 * bot process serves the same stream. A typing indicator is only shown while nothing newer follows it.
 */
export class ConversationStream {
  constructor(
    private readonly store: ConversationStreamStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends activities in order; resolves with them as the widget will read them. */
  async append(conversationId: string, activities: readonly StreamableActivity[]): Promise<WireActivity[]> {
    const entries = await this.store.append(conversationId, activities, this.now());
    return entries.map((entry) => wireActivity(conversationId, entry));
  }

  /** Activities after `watermark` (all kept ones when it is absent), at most one poll's worth. */
  async since(conversationId: string, watermark?: number): Promise<ActivityPage> {
    const page = await this.store.read(conversationId, watermark, this.now(), WEB_CHAT_LIMITS.pollBytes);
    const last = page.entries.at(-1);
    const shown = page.entries.filter((entry) => entry.activity.type !== 'typing' || entry === last);
    return {
      activities: shown.map((entry) => wireActivity(conversationId, entry)),
      watermark: last ? String(last.seq) : watermark === undefined ? '' : String(watermark),
    };
  }

  exists(conversationId: string): Promise<boolean> {
    return this.store.exists(conversationId, this.now());
  }

  delete(conversationId: string): Promise<void> {
    return this.store.delete(conversationId);
  }
}

function wireActivity(conversationId: string, entry: StreamEntry): WireActivity {
  return {
    ...entry.activity,
    type: String(entry.activity.type),
    id: `${conversationId}|${entry.seq}`,
    timestamp: new Date(entry.timestampMs).toISOString(),
  };
}
