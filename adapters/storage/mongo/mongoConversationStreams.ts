import { LRUCache } from 'lru-cache';
import { type Collection, type Db, MongoBulkWriteError, type WriteError } from 'mongodb';
import type { ConversationStreamStore, StreamBudget, StreamEntry, StreamPage } from '../../../bot/ports/conversationStreamStore';
import { isDuplicateKeyError } from './mongoErrors';
import { WEB_CHAT_COLLECTIONS, type WebChatDatabase } from './webChatCollections';

interface ActivityDocument {
  conversationId: string;
  seq: number;
  timestampMs: number;
  /** The activity as JSON. */
  json: string;
  bytes: number;
  /** Bytes and number of activities of the stream up to and including this one (for trimming the oldest). */
  total: number;
  n: number;
  expiresAt: Date;
}

interface StreamDocument {
  _id: string;
  /** The seq of the stream's first activity: the clock's milliseconds when it started. */
  base: number;
  expiresAt: Date;
}

type Tail = Pick<ActivityDocument, 'seq' | 'timestampMs' | 'total' | 'n'>;

const MAX_APPEND_ATTEMPTS = 20;
/** Streams whose last activity's place is remembered (some 100 bytes each). */
const KNOWN_TAILS = 10_000;
/** The most activities one poll returns (fewer when the byte limit comes first). */
const PAGE_LIMIT = 100;
/** Trimming is checked each time a stream has grown by this part of its budget (so not on every append). */
const TRIM_STEPS_PER_BUDGET = 16;

/**
 * Conversation streams in MongoDB. An append inserts its activities in one ordered insert at the seqs after the
 * stream's last activity (remembered from this process's own last append, else read); the unique (conversationId,
 * seq) index makes a concurrent writer that took the same seq retry with a fresh read, so an activity is visible only
 * after all those before it. A turn's replies are one insert, not an insert and a tail read each (measured: 6 commands
 * on the stream for a turn with two replies, now 3). A poll is one query on that index; an idle poll writes nothing.
 */
export class MongoConversationStreams implements ConversationStreamStore {
  /**
   * The last activity this process appended to each stream lately: the next append inserts after it without reading
   * the tail first. Another writer that appended meanwhile has taken that seq, and the insert's duplicate key sends
   * this one back to read the tail, as before.
   */
  private readonly tails = new LRUCache<string, Tail & Pick<ActivityDocument, 'expiresAt'>>({ max: KNOWN_TAILS });

  constructor(
    private readonly database: WebChatDatabase,
    private readonly budget: StreamBudget,
  ) {}

  async append(conversationId: string, activities: readonly Readonly<Record<string, unknown>>[], nowMs: number): Promise<StreamEntry[]> {
    return this.database.run('append to a conversation stream', async (db) => {
      const added: StreamEntry[] = [];
      let tail = this.knownTail(conversationId, nowMs);
      for (let attempt = 1; added.length < activities.length; attempt += 1) {
        tail ??= await this.tailOf(db, conversationId, nowMs);
        const rest = activities.slice(added.length);
        const documents = this.documentsAfter(tail, conversationId, rest, nowMs);
        const { inserted, conflict } = await insertInOrder(activitiesOf(db), documents);
        if (inserted > 0) {
          const last = documents[inserted - 1]!;
          await this.trim(db, tail, last);
          documents
            .slice(0, inserted)
            .forEach((document, i) => added.push({ seq: document.seq, timestampMs: document.timestampMs, activity: rest[i]! }));
          tail = last;
          this.tails.set(conversationId, { seq: last.seq, timestampMs: last.timestampMs, total: last.total, n: last.n, expiresAt: last.expiresAt });
        }
        if (conflict) {
          // Another writer took the next seq: read the tail again.
          if (attempt >= MAX_APPEND_ATTEMPTS) throw conflict;
          this.tails.delete(conversationId);
          tail = null;
        }
      }
      return added;
    });
  }

  async read(conversationId: string, afterSeq: number | undefined, nowMs: number, maxBytes: number): Promise<StreamPage> {
    return this.database.run('read a conversation stream', async (db) => {
      const documents = await activitiesOf(db)
        .find(afterSeq === undefined ? { conversationId } : { conversationId, seq: { $gt: afterSeq } })
        .sort({ seq: 1 })
        .limit(PAGE_LIMIT)
        .project<Pick<ActivityDocument, 'seq' | 'timestampMs' | 'json' | 'bytes' | 'expiresAt'>>({
          _id: 0,
          seq: 1,
          timestampMs: 1,
          json: 1,
          bytes: 1,
          expiresAt: 1,
        })
        .toArray();
      const entries: StreamEntry[] = [];
      let bytes = 0;
      for (const document of documents) {
        // The TTL monitor runs about once a minute; what it has not removed yet is gone all the same.
        if (document.expiresAt.getTime() <= nowMs) continue;
        if (entries.length > 0 && bytes + document.bytes > maxBytes) return { entries, more: true };
        entries.push({ seq: document.seq, timestampMs: document.timestampMs, activity: JSON.parse(document.json) as Record<string, unknown> });
        bytes += document.bytes;
      }
      return { entries, more: documents.length === PAGE_LIMIT };
    });
  }

  async exists(conversationId: string, nowMs: number): Promise<boolean> {
    return this.database.run('look up a conversation stream', async (db) => {
      const found = await activitiesOf(db).findOne({ conversationId, expiresAt: { $gt: new Date(nowMs) } }, { projection: { _id: 1 } });
      return found !== null;
    });
  }

  async delete(conversationId: string): Promise<void> {
    this.tails.delete(conversationId);
    await this.database.run('delete a conversation stream', async (db) => {
      await activitiesOf(db).deleteMany({ conversationId });
      await streamsOf(db).deleteOne({ _id: conversationId });
    });
  }

  /** The database connection belongs to the Store, which closes it. */
  async close(): Promise<void> {}

  /** The activity this process appended last to the stream, while it has not expired. */
  private knownTail(conversationId: string, nowMs: number): Tail | null {
    const known = this.tails.get(conversationId);
    return known && known.expiresAt.getTime() > nowMs ? known : null;
  }

  /** The documents of `activities` after `tail`, in order. */
  private documentsAfter(
    tail: Tail,
    conversationId: string,
    activities: readonly Readonly<Record<string, unknown>>[],
    nowMs: number,
  ): ActivityDocument[] {
    const documents: ActivityDocument[] = [];
    let previous = tail;
    for (const activity of activities) {
      const json = JSON.stringify(activity);
      const bytes = Buffer.byteLength(json);
      const document: ActivityDocument = {
        conversationId,
        seq: previous.seq + 1,
        timestampMs: Math.max(nowMs, previous.timestampMs + 1),
        json,
        bytes,
        total: previous.total + bytes,
        n: previous.n + 1,
        expiresAt: new Date(nowMs + this.budget.ttlMs),
      };
      documents.push(document);
      previous = document;
    }
    return documents;
  }

  /** The stream's last activity; for an empty stream, the place just before where it starts. */
  private async tailOf(db: Db, conversationId: string, nowMs: number): Promise<Tail> {
    const last = await activitiesOf(db).findOne(
      { conversationId },
      { sort: { seq: -1 }, projection: { _id: 0, seq: 1, timestampMs: 1, total: 1, n: 1 } },
    );
    if (last) return last;
    return { seq: (await this.startOf(db, conversationId, nowMs)) - 1, timestampMs: 0, total: 0, n: 0 };
  }

  /**
   * Where an empty stream starts, the same for every writer: the first one to record it decides. The record expires no
   * later than the stream's first activity, so a stream that has expired entirely starts again from the clock.
   */
  private async startOf(db: Db, conversationId: string, nowMs: number): Promise<number> {
    const streams = streamsOf(db);
    try {
      await streams.insertOne({ _id: conversationId, base: nowMs, expiresAt: new Date(nowMs + this.budget.ttlMs) });
      return nowMs;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await streams.findOne({ _id: conversationId });
    return existing && existing.expiresAt.getTime() > nowMs ? existing.base : nowMs;
  }

  /**
   * Drops the oldest activities beyond the budget, checked only when the stream has grown by a step since last time: a
   * stream holds at most a sixteenth more than its budget.
   */
  private async trim(db: Db, before: Tail, added: ActivityDocument): Promise<void> {
    const countStep = Math.max(1, Math.ceil(this.budget.activitiesPerConversation / TRIM_STEPS_PER_BUDGET));
    const byteStep = Math.max(1, Math.ceil(this.budget.bytesPerConversation / TRIM_STEPS_PER_BUDGET));
    const overCount = added.n > this.budget.activitiesPerConversation && Math.floor(added.n / countStep) !== Math.floor(before.n / countStep);
    const overBytes = added.total > this.budget.bytesPerConversation && Math.floor(added.total / byteStep) !== Math.floor(before.total / byteStep);
    if (!overCount && !overBytes) return;
    await activitiesOf(db).deleteMany({
      conversationId: added.conversationId,
      seq: { $lt: added.seq },
      $or: [{ n: { $lte: added.n - this.budget.activitiesPerConversation } }, { total: { $lte: added.total - this.budget.bytesPerConversation } }],
    });
  }
}

function activitiesOf(db: Db): Collection<ActivityDocument> {
  return db.collection<ActivityDocument>(WEB_CHAT_COLLECTIONS.activities);
}

function streamsOf(db: Db): Collection<StreamDocument> {
  return db.collection<StreamDocument>(WEB_CHAT_COLLECTIONS.streams);
}

/**
 * Inserts the documents in order, stopping at the first whose seq another writer took: how many went in, and that
 * duplicate-key error if one stopped it. Any other error is thrown.
 */
async function insertInOrder(
  collection: Collection<ActivityDocument>,
  documents: readonly ActivityDocument[],
): Promise<{ inserted: number; conflict?: Error }> {
  try {
    // Copies: the driver gives each inserted document an _id.
    await collection.insertMany(
      documents.map((document) => ({ ...document })),
      { ordered: true },
    );
    return { inserted: documents.length };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const inserted = error instanceof MongoBulkWriteError ? (firstWriteError(error)?.index ?? 0) : 0;
    return { inserted, conflict: error as Error };
  }
}

function firstWriteError(error: MongoBulkWriteError): WriteError | undefined {
  const { writeErrors } = error;
  return Array.isArray(writeErrors) ? (writeErrors as readonly WriteError[])[0] : (writeErrors as WriteError);
}
