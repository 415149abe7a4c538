import type { Db, IndexDescription } from 'mongodb';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { withinOperationDeadline } from './withDeadline';

/**
 * The web channel's collections in MongoDB, beside the Store's, each emptied of expired documents by a TTL index:
 *
 * - directLineActivities: one document per activity of a conversation's stream, unique on (conversationId, seq), so
 *   that of two processes appending at once one must retry with the next seq (the order stays safe with several
 *   writers); the activity is kept as a JSON string (field names such as "$schema" in cards need no escaping).
 * - directLineStreams: where a conversation's stream starts (`_id` = conversation id), written once per stream.
 * - webSessions: one document per web-chat learner key, written with a version compare-and-set.
 * - rateCounters: fixed-window counters (`_id` = key@window start), incremented with $inc.
 */
export const WEB_CHAT_COLLECTIONS = {
  activities: 'directLineActivities',
  streams: 'directLineStreams',
  sessions: 'webSessions',
  counters: 'rateCounters',
} as const;

const WEB_CHAT_INDEXES: Readonly<Record<keyof typeof WEB_CHAT_COLLECTIONS, readonly IndexDescription[]>> = {
  activities: [
    { key: { conversationId: 1, seq: 1 }, name: 'conversation_seq_unique', unique: true },
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
  ],
  streams: [{ key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 }],
  sessions: [{ key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 }],
  counters: [{ key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 }],
};

/**
 * The database of the MongoDB store with the web channel's indexes ensured (once per process, retried until it has
 * worked), every operation bounded by `deadlineMs` (the store's MONGODB_TIMEOUT_MS, so a silent database costs a post
 * seconds, not the driver's retries) and by the request's budget, and every failure of an operation turned into a
 * StoreUnavailableError.
 */
export class WebChatDatabase {
  private indexesReady: Promise<void> | null = null;

  constructor(
    private readonly database: () => Promise<Db>,
    private readonly deadlineMs?: number,
  ) {}

  async run<T>(operation: string, task: (db: Db) => Promise<T>): Promise<T> {
    try {
      const run = async () => {
        const db = await this.database();
        this.indexesReady ??= ensureIndexes(db).catch((error: unknown) => {
          this.indexesReady = null;
          throw error;
        });
        await this.indexesReady;
        return task(db);
      };
      return await withinOperationDeadline(this.deadlineMs ?? Infinity, run);
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof TypeError) throw error;
      throw new StoreUnavailableError(`MongoDB store could not ${operation}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
}

async function ensureIndexes(db: Db): Promise<void> {
  for (const name of Object.keys(WEB_CHAT_COLLECTIONS) as (keyof typeof WEB_CHAT_COLLECTIONS)[]) {
    await db.collection(WEB_CHAT_COLLECTIONS[name]).createIndexes([...WEB_CHAT_INDEXES[name]]);
  }
}
