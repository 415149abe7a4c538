import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { FileLayout } from '../../adapters/storage/file/fileLayout';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MONGO_COLLECTIONS } from '../../adapters/storage/mongo/mongoCollections';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { CoachService } from '../../bot/coachService';
import { hashLinkCode, newLinkCode } from '../../bot/linkCodes';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/ports/store';
import { type Identity, identityKey, type LearnerRecord, RECORD_SCHEMA_VERSION } from '../../bot/records';
import { TurnEngine } from '../../bot/turnEngine';
import { describeWithJongodb, type Jongodb, startJongodb } from '../support/jongodb';
import { testOrganisationSetup } from '../support/testOrganisations';

/**
 * "Delete my data", identity resolution and link-code redemption must read a bounded number of records however many
 * learners are stored: each is counted with 10 and with 20,000 learners, through the stores' instrumented seams
 * (the file store's reads and folder listings, the MongoDB store's commands), never timed.
 */
const MANY = 20_000;
const MONGO_MANY = 2_000;
const FEW = 10;
const ORGANISATION = 'demo';

function seededLearner(n: number): { learner: LearnerRecord; identity: Identity } {
  const identity: Identity = { channel: 'webchat', userId: `wl_seed_${n}` };
  const at = '2026-01-05T10:00:00.000Z';
  return {
    identity,
    learner: {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: ORGANISATION,
      identities: [identity],
      createdAt: at,
      updatedAt: at,
    },
  };
}

/** What one store kind needs for the test: a store seeded with `count` learners, and what its operations read. */
interface Subject {
  readonly store: Store;
  /** Records read since the last call (file reads plus folder entries listed; documents a MongoDB query may scan). */
  takeReads(): number;
  close(): Promise<void>;
}

/** The same operations on a store of any size; returns what each read. */
async function readsOfOperations(subject: Subject): Promise<Record<string, number>> {
  const { store } = subject;
  const coach = new OfflineCoach();
  const logger = createLogger('silent');
  const engine = new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
  const reads: Record<string, number> = {};
  const measure = async (name: string, operation: () => Promise<unknown>) => {
    subject.takeReads();
    await operation();
    reads[name] = subject.takeReads();
  };

  const teams: Identity = { channel: 'msteams', userId: `aad-${randomUUID()}`, tenantId: 'tenant-1' };
  let owner!: LearnerRecord;
  await measure('resolve a new identity', async () => (owner = await store.resolveLearner(teams, ORGANISATION)));
  await measure('resolve a known identity', () => store.resolveLearner(teams, ORGANISATION));
  await measure('find an unknown identity', () => store.findLearner({ channel: 'webchat', userId: `wl_${randomUUID()}` }, ORGANISATION));
  await store.linkIdentity(owner.id, { channel: 'webchat', userId: `wl_${randomUUID()}` });

  const code = newLinkCode();
  await store.saveLinkCode({
    codeHash: hashLinkCode(code),
    learnerId: owner.id,
    organisationId: ORGANISATION,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await measure('redeem a link code in another channel (the whole turn)', () =>
    engine.handle({
      identity: { channel: 'webchat', userId: `wl_${randomUUID()}` },
      organisationId: ORGANISATION,
      activityId: randomUUID(),
      event: { type: 'user.text', text: code },
    }),
  );
  const unused = newLinkCode();
  await store.saveLinkCode({
    codeHash: hashLinkCode(unused),
    learnerId: owner.id,
    organisationId: ORGANISATION,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await measure('delete my data (three identities, a link code, progress)', () => store.deleteLearner(owner.id));
  expect(await store.findLearner(teams, ORGANISATION)).toBeNull();
  expect(await store.redeemLinkCode(hashLinkCode(unused), ORGANISATION, new Date())).toBeNull();
  return reads;
}

async function expectBoundedReads(name: string, count: number, open: (count: number) => Promise<Subject>): Promise<void> {
  const few = await open(FEW);
  const readsWithFew = await readsOfOperations(few).finally(() => few.close());
  const many = await open(count);
  const readsWithMany = await readsOfOperations(many).finally(() => many.close());
  process.stdout.write(
    `${name}: records read with ${FEW} → ${count.toLocaleString('en')} learners stored\n` +
      Object.entries(readsWithMany)
        .map(([operation, reads]) => `  ${operation}: ${readsWithFew[operation]} → ${reads}\n`)
        .join(''),
  );
  expect(readsWithMany).toEqual(readsWithFew);
  for (const reads of Object.values(readsWithMany)) expect(reads).toBeLessThanOrEqual(25);
}

jest.setTimeout(120_000);

describe('cost per learner does not grow with the number of learners', () => {
  test('the file store', async () => {
    const folders: string[] = [];
    await expectBoundedReads('file store', MANY, async (count) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'many-learners-'));
      folders.push(dataDir);
      await seedFileStore(dataDir, count);
      let reads = 0;
      const store = await FileStore.open(dataDir, { onRead: (read) => (reads += read.kind === 'folder' ? (read.entries ?? 0) : 1) });
      return {
        store,
        takeReads: () => {
          const taken = reads;
          reads = 0;
          return taken;
        },
        close: () => store.close(),
      };
    }).finally(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));
  });
});

/** Writes the learner files and identity entries directly (no fsync), in parallel: 20,000 learners in seconds. */
async function seedFileStore(dataDir: string, count: number): Promise<void> {
  await (await FileStore.open(dataDir)).close(); // the folders and the index marker of a current store
  const layout = new FileLayout(dataDir);
  await mkdir(layout.folder('learners'), { recursive: true });
  const write = async (n: number) => {
    const { learner, identity } = seededLearner(n);
    await writeFile(layout.learnerFile(learner.id), JSON.stringify(learner));
    const key = identityKey(identity, ORGANISATION);
    await writeFile(layout.identityFile(key), JSON.stringify({ schemaVersion: RECORD_SCHEMA_VERSION, identityKey: key, learnerId: learner.id }));
  };
  for (let start = 0; start < count; start += 500)
    await Promise.all(Array.from({ length: Math.min(500, count - start) }, (_, i) => write(start + i)));
}

describeWithJongodb('cost per learner on MongoDB does not grow with the number of learners', () => {
  let server: Jongodb;
  beforeAll(async () => {
    server = await startJongodb();
  });
  afterAll(async () => server?.stop());

  // The test server rebuilds its indexes on every write, so with 20,000 documents each write takes seconds there; what
  // this checks (how many commands, and that each filters on an indexed key) does not depend on the number.
  test(`the MongoDB store (test server, ${MONGO_MANY.toLocaleString('en')} learners): a fixed number of commands, each filtering on an indexed key`, async () => {
    await expectBoundedReads('MongoDB store', MONGO_MANY, async (count) => {
      const database = `many_${randomUUID().replace(/-/g, '')}`;
      const seeder = new MongoClient(server.uriFor(database));
      const seeded = Array.from({ length: count }, (_, n) => seededLearner(n));
      for (let start = 0; start < count; start += 1000) {
        const batch = seeded.slice(start, start + 1000);
        await seeder
          .db()
          .collection(MONGO_COLLECTIONS.learners)
          .insertMany(batch.map(({ learner }) => ({ _id: learner.id as never, ...learner })));
        await seeder
          .db()
          .collection(MONGO_COLLECTIONS.identities)
          .insertMany(
            batch.map(({ learner, identity }) => ({
              _id: identityKey(identity, ORGANISATION) as never,
              schemaVersion: RECORD_SCHEMA_VERSION,
              learnerId: learner.id,
              createdAt: learner.createdAt,
            })),
          );
      }
      await seeder.close();
      let commands = 0;
      const unindexed: string[] = [];
      const store = await MongoStore.open({
        uri: server.uriFor(database),
        onCommand: (name, command) => {
          if (['hello', 'ismaster', 'ping', 'endSessions', 'createIndexes', 'create'].includes(name)) return;
          commands += 1;
          for (const problem of unindexedFilters(name, command)) unindexed.push(problem);
        },
      });
      return {
        store,
        takeReads: () => {
          expect(unindexed).toEqual([]);
          const taken = commands;
          commands = 0;
          return taken;
        },
        close: () => store.close(),
      };
    });
  });
});

/** The secondary indexes the store creates, as the first field of each (a query on it uses the index). */
const INDEXED_FIRST_FIELDS: Record<string, readonly string[]> = {
  [MONGO_COLLECTIONS.learners]: ['_id', 'organisationId'],
  [MONGO_COLLECTIONS.identities]: ['_id', 'learnerId'],
  [MONGO_COLLECTIONS.progress]: ['_id'],
  [MONGO_COLLECTIONS.answers]: ['_id', 'learnerId'],
  [MONGO_COLLECTIONS.linkCodes]: ['_id', 'learnerId'],
  [MONGO_COLLECTIONS.notes]: ['_id', 'learnerId'],
  [MONGO_COLLECTIONS.conversationReferences]: ['_id', 'learnerId'],
};

/** Filters of a find, aggregate, update or delete that do not start with an indexed field. */
function unindexedFilters(name: string, command: Readonly<Record<string, unknown>>): string[] {
  const collection = String(command[name]);
  const filters: unknown[] = [];
  if (name === 'find') filters.push(command.filter);
  if (name === 'aggregate') filters.push((command.pipeline as Record<string, unknown>[])[0]?.$match);
  if (name === 'delete') filters.push(...(command.deletes as { q: unknown }[]).map((d) => d.q));
  if (name === 'update') filters.push(...(command.updates as { q: unknown }[]).map((u) => u.q));
  return filters.flatMap((filter) => {
    const first = Object.keys(filter ?? {})[0];
    return first !== undefined && (INDEXED_FIRST_FIELDS[collection] ?? ['_id']).includes(first)
      ? []
      : [`${name} ${collection} ${JSON.stringify(filter)}`];
  });
}
