import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { databaseNameFromUri } from '../../adapters/storage/mongo/databaseNameFromUri';
import { MONGO_COLLECTIONS, MONGO_INDEXES } from '../../adapters/storage/mongo/mongoCollections';
import { ADVISOR_COLLECTIONS, ADVISOR_INDEXES } from '../../adapters/storage/mongo/advisorCollections';
import { mongoAdvisorStores } from '../../adapters/storage/mongo/mongoBackend';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import { describeWithJongodb, type Jongodb, startJongodb } from '../support/jongodb';
import { answerRecord, describeStoreContract, progressRecord, type StoreUnderTest, webIdentity } from './storeContract';

let server: Jongodb;

/** Opens a store and a plain client on the database the URI names; `drop` removes the database afterwards. */
async function openStoreUnderTest(uri: string, drop: boolean): Promise<StoreUnderTest> {
  const store = await MongoStore.open({ uri, serverSelectionTimeoutMS: 2000 });
  const raw = new MongoClient(uri);
  const db = raw.db();
  return {
    store,
    async cleanup() {
      try {
        if (drop) await db.dropDatabase();
      } finally {
        await Promise.all([store.close(), raw.close()]);
      }
    },
    async plantDocument(kind, document) {
      if (kind === 'learner') await db.collection(MONGO_COLLECTIONS.learners).insertOne({ _id: String(document.id) as never, ...document });
      if (kind === 'progress') await db.collection(MONGO_COLLECTIONS.progress).insertOne({ _id: String(document.learnerId) as never, ...document });
      if (kind === 'answer') await db.collection(MONGO_COLLECTIONS.answers).insertOne({ ...document });
      if (kind === 'identity') {
        const claim = { schemaVersion: RECORD_SCHEMA_VERSION, learnerId: String(document.learnerId), createdAt: new Date().toISOString() };
        await db.collection(MONGO_COLLECTIONS.identities).insertOne({ _id: String(document.identityKey) as never, ...claim });
      }
    },
  };
}

describeWithJongodb('MongoStore on the MongoDB-compatible test server', () => {
  beforeAll(async () => {
    server = await startJongodb();
  });
  afterAll(async () => {
    await server?.stop();
  });

  let contractDatabases = 0;
  describeStoreContract('MongoStore on the test server', () => {
    contractDatabases += 1;
    return openStoreUnderTest(server.uriFor(`store_contract_${contractDatabases}`), false);
  });

  const realUri = process.env.MONGODB_URI;
  (realUri ? describe : describe.skip)('against the MongoDB server in MONGODB_URI', () => {
    describeStoreContract('MongoStore on a real server', () =>
      openStoreUnderTest(withDatabase(realUri ?? '', `svc_store_test_${randomUUID().slice(0, 8)}`), true),
    );
  });

  function withDatabase(uri: string, database: string): string {
    return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${database}`);
  }

  describe('MongoStore on the test server', () => {
    const opened: MongoStore[] = [];
    const clients: MongoClient[] = [];

    afterEach(async () => {
      await Promise.all([...opened.splice(0).map((store) => store.close()), ...clients.splice(0).map((client) => client.close())]);
    });

    async function open(database: string, onCommand?: (name: string) => void): Promise<MongoStore> {
      const store = await MongoStore.open({ uri: server.uriFor(database), serverSelectionTimeoutMS: 2000, onCommand });
      opened.push(store);
      return store;
    }

    function rawDb(database: string) {
      const client = new MongoClient(server.uriFor(database));
      clients.push(client);
      return client.db();
    }

    test('a turn costs one read, one conditional write and one answer insert', async () => {
      const commands: string[] = [];
      const store = await open('round_trips', (name) => commands.push(name));
      const learner = await store.resolveLearner(webIdentity(), 'coop');

      commands.length = 0;
      await store.resolveLearner(learner.identities[0]!, 'coop');
      expect(commands).toEqual(['aggregate']);

      commands.length = 0;
      expect(await store.loadProgress(learner.id)).toBeNull();
      await store.saveProgress(progressRecord(learner.id, 1), null);
      await store.appendAnswer(answerRecord(learner.id, 'turn-1', '2026-01-05T10:00:01.000Z'));
      expect(commands).toEqual(['find', 'insert', 'insert']);

      commands.length = 0;
      const progress = await store.loadProgress(learner.id);
      await store.saveProgress(progressRecord(learner.id, (progress?.version ?? 0) + 1), progress?.version ?? null);
      await store.appendAnswer(answerRecord(learner.id, 'turn-2', '2026-01-05T10:00:02.000Z'));
      expect(commands).toEqual(['find', 'update', 'insert']);
    });

    test("open creates every collection's indexes, and opening again on the same database is fine", async () => {
      await open('indexes');
      await open('indexes');
      const db = rawDb('indexes');
      for (const [name, indexes] of Object.entries(MONGO_INDEXES)) {
        if (indexes.length === 0) continue;
        const existing = await db
          .collection(MONGO_COLLECTIONS[name as keyof typeof MONGO_COLLECTIONS])
          .listIndexes()
          .toArray();
        for (const index of indexes) {
          expect(existing).toContainEqual(expect.objectContaining({ name: index.name, key: index.key, ...(index.unique ? { unique: true } : {}) }));
        }
      }
    });

    test("the advisor collections' indexes are created before their first operation, a learner's records indexed by learner", async () => {
      const { advisors, notes, outbox, cohort } = mongoAdvisorStores(await open('advisor_indexes'));
      await Promise.all([advisors.listAdvisors('coop'), notes.exportLearner('someone'), outbox.listForLearner('someone'), cohort.remove('someone')]);
      const db = rawDb('advisor_indexes');
      for (const [name, indexes] of Object.entries(ADVISOR_INDEXES)) {
        const existing = await db
          .collection(ADVISOR_COLLECTIONS[name as keyof typeof ADVISOR_COLLECTIONS])
          .listIndexes()
          .toArray();
        for (const index of indexes) expect(existing).toContainEqual(expect.objectContaining({ name: index.name, key: index.key }));
      }
      for (const name of ['notes', 'advisorRequests', 'learnerReplies', 'accessLog'] as const) {
        expect(ADVISOR_INDEXES[name]).toContainEqual({ key: { learnerId: 1 }, name: 'learnerId' });
      }
    });

    test('the unique indexes reject a second answer for one activity and a second reference per channel', async () => {
      await open('unique_indexes');
      const db = rawDb('unique_indexes');
      const answer = answerRecord('learner-1', 'activity-1', '2026-01-05T10:00:01.000Z');
      await db.collection(MONGO_COLLECTIONS.answers).insertOne({ ...answer });
      await expect(db.collection(MONGO_COLLECTIONS.answers).insertOne({ ...answer })).rejects.toMatchObject({ code: 11000 });
      await db.collection(MONGO_COLLECTIONS.conversationReferences).insertOne({ learnerId: 'learner-1', channel: 'msteams' });
      await expect(
        db.collection(MONGO_COLLECTIONS.conversationReferences).insertOne({ learnerId: 'learner-1', channel: 'msteams' }),
      ).rejects.toMatchObject({ code: 11000 });
    });

    test("records come back without Mongo's _id", async () => {
      const store = await open('no_ids');
      const learner = await store.resolveLearner(webIdentity(), 'coop');
      await store.saveProgress(progressRecord(learner.id, 1), null);
      await store.appendAnswer(answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z'));
      const exported = await store.exportLearner(learner.id);
      expect(exported?.learner).not.toHaveProperty('_id');
      expect(exported?.progress).not.toHaveProperty('_id');
      expect(exported?.answers[0]).not.toHaveProperty('_id');
    });

    test('deleting a learner removes its documents from every collection, notes and conversation references included', async () => {
      const store = await open('delete_everywhere');
      const db = rawDb('delete_everywhere');
      const learner = await store.resolveLearner(webIdentity(), 'coop');
      await store.linkIdentity(learner.id, { channel: 'msteams', userId: 'aad-9', tenantId: 't-9' });
      await store.saveProgress(progressRecord(learner.id, 1), null);
      await store.appendAnswer(answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z'));
      await db.collection(MONGO_COLLECTIONS.notes).insertOne({ learnerId: learner.id, text: 'Bra jobbat', createdAt: '2026-01-05T11:00:00.000Z' });
      await db.collection(MONGO_COLLECTIONS.conversationReferences).insertOne({ learnerId: learner.id, channel: 'msteams' });

      await store.deleteLearner(learner.id);

      for (const name of Object.values(MONGO_COLLECTIONS)) {
        const remaining = await db
          .collection(name)
          .find({ $or: [{ _id: learner.id as never }, { learnerId: learner.id }] })
          .toArray();
        expect({ collection: name, remaining }).toEqual({ collection: name, remaining: [] });
      }
    });

    test('the database is the one in the URI path, else dbName, else social_venture_coach', async () => {
      const store = await MongoStore.open({ uri: `mongodb://127.0.0.1:${server.port}/?directConnection=true`, dbName: 'named_by_option' });
      opened.push(store);
      expect((await store.health()).detail).toContain('named_by_option');
      const unnamed = await MongoStore.open({ uri: `mongodb://127.0.0.1:${server.port}` });
      opened.push(unnamed);
      expect((await unnamed.health()).detail).toContain('social_venture_coach');

      expect(databaseNameFromUri('mongodb://user:p%40ss@db1:27017,db2:27017/programme?replicaSet=rs0')).toBe('programme');
      expect(databaseNameFromUri('mongodb+srv://cluster0.example.net/?retryWrites=true')).toBeUndefined();
      expect(databaseNameFromUri('mongodb://localhost:27017')).toBeUndefined();
      expect(databaseNameFromUri('mongodb://localhost/sv%C3%A4rt')).toBe('svärt');
    });
  });
});
