import type { Db, IndexDescription } from 'mongodb';
import { isMongoErrorCode } from './mongoErrors';

/**
 * The collections of the MongoDB store and their secondary indexes.
 *
 * - learners: one document per learner (`_id` = learner id).
 * - identities: who owns a channel identity (`_id` = identityKey, learnerId). Uniqueness of an identity rests on
 *   `_id`, which every MongoDB-compatible server enforces; a unique multikey index on an array inside learners is
 *   not enforced by every server (the test server accepts duplicates).
 * - progress: one document per learner (`_id` = learner id), written with a version compare-and-set.
 * - answers: append-only, unique on (learnerId, activityId).
 * - linkCodes: pending cross-channel link codes (`_id` = hash of the code), removed by a TTL index once expired.
 * - turnResults: answered deliveries (`_id` = hash of channel, conversation and activity id), removed by a TTL index.
 * - organisations, notes, conversationReferences: created now for features that follow.
 */
export const MONGO_COLLECTIONS = {
  learners: 'learners',
  identities: 'identities',
  progress: 'progress',
  answers: 'answers',
  linkCodes: 'linkCodes',
  organisations: 'organisations',
  notes: 'notes',
  conversationReferences: 'conversationReferences',
  turnResults: 'turnResults',
} as const;

export type MongoCollectionName = keyof typeof MONGO_COLLECTIONS;

/** Secondary indexes per collection (each also has the unique `_id` index). */
export const MONGO_INDEXES: Readonly<Record<MongoCollectionName, readonly IndexDescription[]>> = {
  learners: [{ key: { organisationId: 1, createdAt: 1 }, name: 'organisation_createdAt' }],
  identities: [{ key: { learnerId: 1 }, name: 'learnerId' }],
  progress: [],
  answers: [
    { key: { learnerId: 1, activityId: 1 }, name: 'learner_activity_unique', unique: true },
    { key: { learnerId: 1, at: 1 }, name: 'learner_at' },
  ],
  linkCodes: [
    { key: { learnerId: 1 }, name: 'learnerId' },
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
  ],
  organisations: [],
  notes: [{ key: { learnerId: 1, createdAt: 1 }, name: 'learner_createdAt' }],
  conversationReferences: [{ key: { learnerId: 1, channel: 1 }, name: 'learner_channel_unique', unique: true }],
  turnResults: [
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
    { key: { conversation: 1 }, name: 'conversation' },
  ],
};

const NAMESPACE_EXISTS = 48;
const COMMAND_NOT_FOUND = 59;

/**
 * Creates the collections and indexes; safe to run again (an existing identical index is a no-op).
 * A collection without secondary indexes is created explicitly where the server supports `create`; elsewhere it
 * appears with its first document.
 */
export async function ensureMongoCollections(db: Db): Promise<void> {
  for (const name of Object.keys(MONGO_COLLECTIONS) as MongoCollectionName[]) {
    const indexes = MONGO_INDEXES[name];
    if (indexes.length > 0) {
      await db.collection(MONGO_COLLECTIONS[name]).createIndexes([...indexes]);
      continue;
    }
    try {
      await db.createCollection(MONGO_COLLECTIONS[name]);
    } catch (error) {
      if (!isMongoErrorCode(error, NAMESPACE_EXISTS) && !isMongoErrorCode(error, COMMAND_NOT_FOUND)) throw error;
    }
  }
}
