import type { Collection, Db } from 'mongodb';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { type WebSessionRecord, webSessionRecordSchema, type WebSessionStore } from '../../../bot/ports/webSessionStore';
import { validateRecord } from '../validateRecord';
import { isDuplicateKeyError } from './mongoErrors';
import { WEB_CHAT_COLLECTIONS, type WebChatDatabase } from './webChatCollections';

type SessionDocument = Omit<WebSessionRecord, 'expiresAt'> & { _id: string; expiresAt: Date };

/** Web-chat sessions in MongoDB: one document per learner key, replaced only while its version is the one read. */
export class MongoWebSessions implements WebSessionStore {
  constructor(private readonly database: WebChatDatabase) {}

  async get(learnerKey: string, nowMs: number): Promise<WebSessionRecord | null> {
    return this.database.run('read a web-chat session', async (db) => {
      const document = await sessionsOf(db).findOne({ _id: learnerKey });
      if (!document) return null;
      const { _id, expiresAt, ...rest } = document;
      const parsed = webSessionRecordSchema.safeParse({ ...rest, expiresAt: expiresAt.getTime() });
      if (!parsed.success) throw new StoreUnavailableError(`webSessions document ${_id} is not a web-chat session`);
      return parsed.data.expiresAt > nowMs ? parsed.data : null;
    });
  }

  async save(record: WebSessionRecord, expectedVersion: number | null, nowMs: number): Promise<'saved' | 'conflict'> {
    const checked = validateRecord(webSessionRecordSchema, record, 'web-chat session');
    if (checked.version !== (expectedVersion ?? 0) + 1)
      throw new TypeError(`a web-chat session saved over version ${expectedVersion} must have version ${(expectedVersion ?? 0) + 1}`);
    const document: SessionDocument = { ...checked, _id: checked.learnerKey, expiresAt: new Date(checked.expiresAt) };
    return this.database.run('save a web-chat session', async (db) => {
      const sessions = sessionsOf(db);
      const now = new Date(nowMs);
      if (expectedVersion !== null) {
        const result = await sessions.replaceOne({ _id: checked.learnerKey, version: expectedVersion, expiresAt: { $gt: now } }, document);
        return result.matchedCount === 1 ? 'saved' : 'conflict';
      }
      try {
        await sessions.insertOne(document);
        return 'saved';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // An expired record the TTL monitor has not removed yet counts as absent.
      const result = await sessions.replaceOne({ _id: checked.learnerKey, expiresAt: { $lte: now } }, document);
      return result.matchedCount === 1 ? 'saved' : 'conflict';
    });
  }

  async delete(learnerKey: string): Promise<void> {
    await this.database.run('delete a web-chat session', async (db) => {
      await sessionsOf(db).deleteOne({ _id: learnerKey });
    });
  }

  async close(): Promise<void> {}
}

function sessionsOf(db: Db): Collection<SessionDocument> {
  return db.collection<SessionDocument>(WEB_CHAT_COLLECTIONS.sessions);
}
