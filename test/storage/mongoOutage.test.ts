import { once } from 'node:events';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { StoreUnavailableError } from '../../bot/ports/store';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { MONGO_COLLECTIONS } from '../../adapters/storage/mongo/mongoCollections';
import { mongoAdvisorStores } from '../../adapters/storage/mongo/mongoBackend';
import type { SignInLink } from '../../bot/advisors/advisorRecords';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import { withinRequestBudget } from '../../bot/requestBudget';
import { cohortEntry, delivery, note } from './advisorPortsContract';
import { describeWithJongodb, type Jongodb, startJongodb } from '../support/jongodb';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { answerRecord, progressRecord, webIdentity } from './storeContract';

describeWithJongodb('the MongoDB store when the database goes away', () => {
  // The test server keeps its data in memory, so the outage is staged by cutting the network in front of it.
  let server: Jongodb;
  let proxy: TcpProxy;
  const opened: MongoStore[] = [];

  beforeAll(async () => {
    server = await startJongodb();
    proxy = await startTcpProxy(server.port);
  });

  afterEach(async () => {
    proxy.restore();
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  async function openThroughProxy(database: string): Promise<MongoStore> {
    const store = await MongoStore.open({
      uri: `mongodb://127.0.0.1:${proxy.port}/${database}?directConnection=true`,
      serverSelectionTimeoutMS: 500,
      healthTimeoutMS: 1000,
    });
    opened.push(store);
    return store;
  }

  /** Polls health until the store reports ok; recovery takes the driver a heartbeat or two. */
  async function untilHealthy(store: MongoStore): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await store.health()).ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the store did not become healthy after the network was restored');
  }

  test('opening while the database is unreachable succeeds and health reports down', async () => {
    proxy.cut();
    const store = await openThroughProxy('outage_open');
    const health = await store.health();
    expect(health).toMatchObject({ ok: false, kind: 'mongodb' });
    expect(health.detail).toEqual(expect.any(String));
  });

  test("while the database is unreachable every operation rejects with StoreUnavailableError carrying the driver's error", async () => {
    proxy.cut();
    const store = await openThroughProxy('outage_reject');
    const learnerId = 'learner-in-outage';
    const attempts = [
      store.resolveLearner(webIdentity(), 'coop'),
      store.loadProgress(learnerId),
      store.saveProgress(progressRecord(learnerId, 1), null),
      store.appendAnswer(answerRecord(learnerId, 'a1', '2026-01-05T10:00:01.000Z')),
      store.listAnswers(learnerId),
      store.deleteLearner(learnerId),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).cause).toBeInstanceOf(Error);
    }
  });

  test('a store opened during an outage recovers when the network returns, creating its indexes then', async () => {
    proxy.cut();
    const store = await openThroughProxy('outage_late_indexes');
    await expect(store.loadProgress('someone')).rejects.toBeInstanceOf(StoreUnavailableError);

    proxy.restore();
    await untilHealthy(store);

    const learner = await store.resolveLearner(webIdentity(), 'coop');
    expect(await store.saveProgress(progressRecord(learner.id, 1), null)).toBe('saved');
    const answer = answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z');
    expect(await store.appendAnswer(answer)).toBe('recorded');
    expect(await store.appendAnswer(answer)).toBe('duplicate');

    const client = new MongoClient(server.uriFor('outage_late_indexes'));
    try {
      const indexes = await client.db().collection(MONGO_COLLECTIONS.answers).listIndexes().toArray();
      expect(indexes).toContainEqual(expect.objectContaining({ name: 'learner_activity_unique', unique: true }));
    } finally {
      await client.close();
    }
  });

  test('data written before a cut is still there after it, and the same store works again', async () => {
    const store = await openThroughProxy('outage_midway');
    const identity = webIdentity();
    const learner = await store.resolveLearner(identity, 'coop');
    const progress = progressRecord(learner.id, 1);
    await store.saveProgress(progress, null);
    const answer = answerRecord(learner.id, 'before-cut', '2026-01-05T10:00:01.000Z');
    await store.appendAnswer(answer);

    proxy.cut();
    await expect(store.loadProgress(learner.id)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.saveProgress(progressRecord(learner.id, 2, 'during cut'), 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect((await store.health()).ok).toBe(false);

    proxy.restore();
    await untilHealthy(store);

    expect((await store.resolveLearner(identity, 'coop')).id).toBe(learner.id);
    expect(await store.loadProgress(learner.id)).toEqual(progress);
    expect(await store.listAnswers(learner.id)).toEqual([answer]);
    expect(await store.saveProgress(progressRecord(learner.id, 2, 'after cut'), 1)).toBe('saved');
  });

  test('opening against a port where nothing listens succeeds and reports down', async () => {
    const placeholder = createServer();
    placeholder.listen(0, '127.0.0.1');
    await once(placeholder, 'listening');
    const { port } = placeholder.address() as { port: number };
    await new Promise<void>((resolve) => placeholder.close(() => resolve()));

    const store = await MongoStore.open({ uri: `mongodb://127.0.0.1:${port}/nowhere?directConnection=true`, serverSelectionTimeoutMS: 500 });
    opened.push(store);
    expect(await store.health()).toMatchObject({ ok: false, kind: 'mongodb' });
    await expect(store.getLearner('anyone')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  test('on a silent database the advisor collections answer within the operation deadline, and within a request budget', async () => {
    const store = await MongoStore.open({
      // The driver's own socket timeout is longer, so only the store's deadline can end these operations in time.
      uri: `mongodb://127.0.0.1:${proxy.port}/outage_advisor_silent?directConnection=true&socketTimeoutMS=20000`,
      operationTimeoutMS: 1500,
    });
    opened.push(store);
    const { cohort, notes } = mongoAdvisorStores(store);
    await cohort.upsert(cohortEntry('silent-learner'));

    proxy.stall();
    const timed = async (operation: () => Promise<unknown>) => {
      const started = performance.now();
      const error = await operation().then(
        () => null,
        (failure: unknown) => failure,
      );
      return { error, waited: performance.now() - started };
    };
    const alone = await timed(() => notes.addNote(note('silent-learner')));
    expect(alone.error).toBeInstanceOf(StoreUnavailableError);
    expect(alone.waited).toBeGreaterThanOrEqual(1400);
    expect(alone.waited).toBeLessThan(4000);
    // Inside a learner's turn the cohort entry's upsert gets what is left of the request's budget.
    const inTurn = await timed(() => withinRequestBudget(300, () => cohort.upsert(cohortEntry('silent-learner', { lessonsDone: 2 }))));
    expect(inTurn.error).toBeInstanceOf(StoreUnavailableError);
    expect(inTurn.waited).toBeLessThan(1200);
  });

  test('on a silent database a claim of due deliveries keeps what it claimed before the silence, and leaves the rest', async () => {
    let claims = 0;
    const store = await MongoStore.open({
      uri: `mongodb://127.0.0.1:${proxy.port}/outage_outbox_silent?directConnection=true&socketTimeoutMS=20000`,
      operationTimeoutMS: 1000,
      // The network falls silent as the second claim is sent: it never reaches the server.
      onCommand: (name) => {
        if (name === 'findAndModify' && ++claims === 2) proxy.stall();
      },
    });
    opened.push(store);
    const { outbox } = mongoAdvisorStores(store);
    const items = [delivery('n1', 'l1'), delivery('n2', 'l1'), delivery('n3', 'l1')];
    for (const item of items) await outbox.enqueue(item);
    const now = new Date('2026-03-01T10:00:05.000Z');

    const started = performance.now();
    const claimed = await outbox.claimDue('A', now, 30_000, 10);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(claimed).toHaveLength(1);

    proxy.restore();
    await untilHealthy(store);
    // The two left are due at once for another dispatcher, not leased to one that gave up on them.
    const rest = await outbox.claimDue('B', now, 30_000, 10);
    expect(rest.map((item) => item.id).sort()).toEqual(
      items
        .map((item) => item.id)
        .filter((id) => id !== claimed[0]!.id)
        .sort(),
    );
  });

  test('a sign-in link whose read timed out is not deleted when the late answer comes: it can still be used', async () => {
    const store = await MongoStore.open({
      uri: `mongodb://127.0.0.1:${proxy.port}/outage_link_slow?directConnection=true&socketTimeoutMS=20000`,
      operationTimeoutMS: 800,
    });
    opened.push(store);
    const { advisors } = mongoAdvisorStores(store);
    const link: SignInLink = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      tokenHash: 'a'.repeat(64),
      advisorId: 'advisor-1',
      organisationId: 'coop',
      expiresAt: '2026-03-01T11:00:00.000Z',
    };
    await advisors.saveSignInLink(link);
    const now = new Date('2026-03-01T10:00:00.000Z');

    proxy.hold();
    await expect(advisors.consumeSignInLink(link.tokenHash, now)).rejects.toBeInstanceOf(StoreUnavailableError);
    // The read reaches the server after its caller was told it failed; had the delete followed it, the link would be gone.
    proxy.release();
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(await advisors.consumeSignInLink(link.tokenHash, now)).toEqual(link);
    expect(await advisors.consumeSignInLink(link.tokenHash, now)).toBeNull();
  });

  test("when the driver's server monitor stops answering, the store connects afresh and carries on", async () => {
    const reasons: string[] = [];
    const store = await MongoStore.open({
      uri: `mongodb://127.0.0.1:${proxy.port}/outage_monitor?directConnection=true`,
      operationTimeoutMS: 500,
      onReconnect: (reason) => reasons.push(reason),
    });
    opened.push(store);
    const identity = webIdentity();
    const learner = await store.resolveLearner(identity, 'coop');
    // A heartbeat that never ends, as the driver's monitor shows when it waits on a socket destroyed under it.
    (store as unknown as { client: MongoClient }).client.emit('serverHeartbeatStarted', { connectionId: 'stuck:27017', awaited: false });
    for (let waited = 0; reasons.length === 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reasons).toEqual([expect.stringContaining('stuck:27017')]);
    await untilHealthy(store);
    expect((await store.resolveLearner(identity, 'coop')).id).toBe(learner.id);
  });
});
