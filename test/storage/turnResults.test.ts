import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { describeWithJongodb, type Jongodb, startJongodb } from '../support/jongodb';
import { describeTurnResultsContract } from './turnResultsContract';

describeTurnResultsContract('FileStore', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'turn-results-'));
  const store = await FileStore.open(dataDir);
  return {
    open: (options) => store.turnResults(options),
    async cleanup() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describeWithJongodb('MongoStore on the MongoDB-compatible test server', () => {
  let server: Jongodb;
  beforeAll(async () => {
    server = await startJongodb();
  });
  afterAll(async () => server?.stop());

  describeTurnResultsContract('MongoStore', async () => {
    const store = await MongoStore.open({ uri: server.uriFor(`turn_results_${randomUUID().replace(/-/g, '')}`) });
    return { open: (options) => store.turnResults(options), cleanup: () => store.close() };
  });

  it('keeps answered deliveries in a collection whose TTL index removes them at expiresAt', async () => {
    const database = `turn_results_ttl_${randomUUID().replace(/-/g, '')}`;
    const store = await MongoStore.open({ uri: server.uriFor(database) });
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(server.uriFor(database));
    try {
      await store.health();
      const indexes = await client.db(database).collection('turnResults').indexes();
      expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 })]));
    } finally {
      await client.close();
      await store.close();
    }
  });
});

(process.env.MONGODB_URI ? describe : describe.skip)('MongoStore against the MongoDB server in MONGODB_URI', () => {
  describeTurnResultsContract('MongoStore on a real server', async () => {
    const store = await MongoStore.open({ uri: process.env.MONGODB_URI!, dbName: `turn_results_${randomUUID().replace(/-/g, '')}` });
    return { open: (options) => store.turnResults(options), cleanup: () => store.close() };
  });
});
