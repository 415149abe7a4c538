import { randomUUID } from 'node:crypto';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { describeWithJongodb, startJongodb, type Jongodb } from '../support/jongodb';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { AnswerLoop, faultModule, STEPS_BEFORE_QUESTION } from './support/answerLoop';
import { checkAcknowledged } from './support/checkAnswers';
import { MessagesLearner } from './support/messagesLearner';
import { MANY_MESSAGES } from './support/manyMessages';

/**
 * The database goes away in the middle of learners' conversations, twice (the network cut, then a silent partition
 * that accepts connections and never answers), and comes back: the learners get apologies meanwhile, carry on once it is
 * back, and every answer acknowledged before, during and after is in the log exactly once.
 */
const LEARNERS = 4;
const PHASE_MS = 1500;
const RECOVERY_LIMIT_MS = 10_000;

jest.setTimeout(120_000);

describeWithJongodb('the database cut and restored mid-conversation', () => {
  let database: Jongodb;
  let proxy: TcpProxy;
  let server: TestServer | undefined;
  beforeAll(async () => {
    database = await startJongodb();
    proxy = await startTcpProxy(database.port);
  });
  afterAll(async () => {
    await server?.dispose();
    await proxy?.stop();
    await database?.stop();
  });

  // Measured once; the behaviours are asserted separately below.
  let outcome: { before: number; between: number; after: number; apologies: number; result: Awaited<ReturnType<typeof checkAcknowledged>> };

  beforeAll(async () => {
    const name = `cut_${randomUUID().replace(/-/g, '')}`;
    server = await startTestServer({
      ...MANY_MESSAGES,
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/${name}?directConnection=true`,
      MONGODB_TIMEOUT_MS: '1000',
    });
    const loops = Array.from({ length: LEARNERS }, () => new AnswerLoop(new MessagesLearner(() => server!.url)));
    await Promise.all(loops.map((loop) => loop.learner.toFirstQuestion(faultModule.id, STEPS_BEFORE_QUESTION)));

    let stopped = false;
    const figures: string[] = [];
    const acknowledged = () => loops.reduce((sum, loop) => sum + loop.acknowledged.length, 0);
    const apologies = () => loops.reduce((sum, loop) => sum + loop.apologies, 0);
    const running = loops.map(async (loop) => {
      while (!stopped) await loop.run(() => stopped); // a failed request ends run(); keep going
    });
    // A phase lasts PHASE_MS; after a restore, until the first answer is acknowledged again (the driver finds the
    // server again at its next check, later on a loaded machine), at most RECOVERY_LIMIT_MS.
    const phase = async (label: string, change: () => void, untilAnswered = false) => {
      change();
      const [answersBefore, apologiesBefore, started] = [acknowledged(), apologies(), performance.now()];
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
      while (untilAnswered && acknowledged() === answersBefore && performance.now() - started < RECOVERY_LIMIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const recovery = untilAnswered ? `, ${(performance.now() - started).toFixed(0)} ms` : '';
      figures.push(`${label}: ${acknowledged() - answersBefore} answers acknowledged, ${apologies() - apologiesBefore} apologies${recovery}`);
      return acknowledged() - answersBefore;
    };
    const before = await phase('connected', () => undefined);
    await phase('network cut', () => proxy.cut());
    const between = await phase('restored', () => proxy.restore(), true);
    await phase('silent (connections accepted, no answers)', () => proxy.stall());
    const after = await phase('restored', () => proxy.restore(), true);
    stopped = true;
    await Promise.all(running);
    await server.stop();

    const store = await MongoStore.open({ uri: database.uriFor(name) });
    const result = await checkAcknowledged(store, loops).finally(() => store.close());
    process.stdout.write(
      `database cut and restored mid-conversation (${LEARNERS} learners, ${PHASE_MS} ms a phase):\n  ${figures.join('\n  ')}\n` +
        `  ${result.acknowledged} answers acknowledged in all, ${result.lost.length} lost, ${result.doubled.length} logged twice, ` +
        `${result.notInLog.length} in the progress but not the log\n`,
    );
    outcome = { before, between, after, apologies: apologies(), result };
  });

  test('apologies while it is gone, and nothing acknowledged is lost or logged twice', () => {
    expect(outcome.before).toBeGreaterThan(0);
    expect(outcome.apologies).toBeGreaterThan(0);
    expect(outcome.result.lost).toEqual([]);
    expect(outcome.result.doubled).toEqual([]);
    expect(outcome.result.notInLog).toEqual([]);
  });

  // After a silent partition the driver's own server monitor can stop (see adapters/storage/mongo/monitorWatchdog.ts);
  // the store then connects afresh, so recovery takes a few seconds longer in those runs.
  test('the conversation continues once the network is back, after a cut and after a silent partition', () => {
    expect(outcome.between).toBeGreaterThan(0);
    expect(outcome.after).toBeGreaterThan(0);
  });
});
