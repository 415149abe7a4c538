import type { Collection, Db } from 'mongodb';
import type { RateCount, RateCounters } from '../../../bot/ports/rateCounters';
import { isDuplicateKeyError } from './mongoErrors';
import { WEB_CHAT_COLLECTIONS, type WebChatDatabase } from './webChatCollections';

interface CounterDocument {
  _id: string;
  count: number;
  /** When the window ends; the TTL index removes the document then. */
  expiresAt: Date;
}

const MAX_ATTEMPTS = 5;

/**
 * Rate counters in MongoDB, shared by every bot process: one document per key, counted with $inc while its window is
 * open; the first event after the window starts a new one. One round trip while a window is open.
 */
export class MongoRateCounters implements RateCounters {
  constructor(private readonly database: WebChatDatabase) {}

  async increment(key: string, windowMs: number, nowMs: number): Promise<RateCount> {
    const now = new Date(nowMs);
    const fresh = { count: 1, expiresAt: new Date(nowMs + windowMs) };
    return this.database.run('count a rate-limited request', async (db) => {
      const counters = countersOf(db);
      for (let attempt = 1; ; attempt += 1) {
        const counted = await counters.findOneAndUpdate({ _id: key, expiresAt: { $gt: now } }, { $inc: { count: 1 } }, { returnDocument: 'after' });
        if (counted) return { count: counted.count, resetsAt: counted.expiresAt.getTime() };
        try {
          await counters.insertOne({ _id: key, ...fresh });
          return { count: 1, resetsAt: fresh.expiresAt.getTime() };
        } catch (error) {
          if (!isDuplicateKeyError(error) || attempt >= MAX_ATTEMPTS) throw error;
        }
        // A window that is over but not yet removed by the TTL monitor starts again; if another process was first, count in its window.
        const restarted = await counters.findOneAndUpdate({ _id: key, expiresAt: { $lte: now } }, { $set: fresh }, { returnDocument: 'after' });
        if (restarted) return { count: 1, resetsAt: fresh.expiresAt.getTime() };
      }
    });
  }

  async peek(key: string, nowMs: number): Promise<number> {
    return this.database.run('read a rate counter', async (db) => {
      const found = await countersOf(db).findOne({ _id: key, expiresAt: { $gt: new Date(nowMs) } });
      return found?.count ?? 0;
    });
  }

  async close(): Promise<void> {}
}

function countersOf(db: Db): Collection<CounterDocument> {
  return db.collection<CounterDocument>(WEB_CHAT_COLLECTIONS.counters);
}
