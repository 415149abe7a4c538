import { randomUUID } from 'node:crypto';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import type { Store } from '../../bot/ports/store';
import { DirectLineClient, readable } from '../support/directLineClient';
import { jongodbUnavailable, startJongodb, type Jongodb } from '../support/jongodb';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { faultModule, STEPS_BEFORE_QUESTION } from './support/answerLoop';
import { promptOf } from '../support/scriptedLearner';
import { isApology, MessagesLearner } from './support/messagesLearner';
import { MANY_MESSAGES } from './support/manyMessages';

/**
 * One learner on two linked devices (a Teams-shaped client on /api/messages and the web widget on Direct Line)
 * answering at the same moment, 1,000 answers in all: each round both are shown the same question and answer it at once
 * (the first to commit is applied, the other is kept as an answer from a window that was behind), then one goes back to
 * the question and the other is shown it again. Every acknowledged answer is in the log exactly once.
 * FAULT_TWO_DEVICE_ANSWERS changes the number.
 */
const ANSWERS = Number(process.env.FAULT_TWO_DEVICE_ANSWERS ?? 1000);
/** On the test server, whose writes are several times slower, fewer: the suite stays within its time. */
const MONGO_ANSWERS = Number(process.env.FAULT_TWO_DEVICE_ANSWERS ?? 250);
const questionPrompt = promptOf(faultModule.lessons[0]!.steps[STEPS_BEFORE_QUESTION]!, 'en');

jest.setTimeout(600_000);

async function answerFromTwoDevices(name: string, answers: number, server: TestServer, openStore: () => Promise<Store>): Promise<void> {
  const teams = new MessagesLearner(() => server.url);
  await teams.toFirstQuestion(faultModule.id, STEPS_BEFORE_QUESTION);
  const code = /\b[A-Z2-9]{4}-[A-Z2-9]{4}\b/.exec(await teams.say('link'))?.[0];
  expect(code).toBeDefined();
  const web = new DirectLineClient(server.url);
  await web.connect();
  expect(readable(await web.say(code!))).toContain('Amina');

  const acknowledged: { text: string; device: string }[] = [];
  const counts = { rounds: 0, apologies: 0, conflictsSeen: 0 };
  const started = Date.now();
  for (let round = 0; acknowledged.length < answers; round += 1) {
    counts.rounds += 1;
    const texts = { teams: `Teams answer ${round}: lonely older people.`, web: `Web answer ${round}: young people move away.` };
    const [fromTeams, fromWeb] = await Promise.all([teams.say(texts.teams, randomUUID()), web.say(texts.web).then(readable)]);
    for (const [device, reply] of [
      ['teams', fromTeams],
      ['web', fromWeb],
    ] as const) {
      if (isApology(reply)) counts.apologies += 1;
      else acknowledged.push({ text: texts[device], device });
    }
    // Back to the question, and both shown it (alternating who goes back), so the next round races for it again.
    const [back, other] =
      round % 2 === 0
        ? [(t: string) => teams.say(t), (t: string) => web.say(t).then(readable)]
        : [(t: string) => web.say(t).then(readable), (t: string) => teams.say(t)];
    for (let tries = 0; tries < 3 && !(await back('back')).includes(questionPrompt); tries += 1);
    await other('continue');
  }
  const seconds = (Date.now() - started) / 1000;
  await server.stop();

  const store = await openStore();
  try {
    const owner = await store.findLearner({ channel: 'test', userId: teams.userId }, 'demo');
    const log = await store.listAnswers(owner!.id);
    const lost = acknowledged.filter(({ text }) => !log.some((answer) => answer.answer === text));
    const doubled = acknowledged.filter(({ text }) => log.filter((answer) => answer.answer === text).length > 1);
    const applied = log.filter((answer) => answer.stepKind === 'question').length;
    const keptFromBehind = log.filter((answer) => answer.stepKind === 'not-applied').length;
    process.stdout.write(
      `two devices, ${name}: ${counts.rounds} rounds, ${acknowledged.length} answers acknowledged in ${seconds.toFixed(1)} s ` +
        `(${applied} applied, ${keptFromBehind} kept from the window behind), ${counts.apologies} apologies, ${lost.length} lost, ${doubled.length} logged twice\n`,
    );
    expect(lost).toEqual([]);
    expect(doubled).toEqual([]);
    expect(applied).toBe(counts.rounds);
    expect(keptFromBehind).toBe(counts.rounds);
  } finally {
    await store.close();
  }
}

describe('two linked devices answering at once', () => {
  let server: TestServer | undefined;
  let database: Jongodb | undefined;
  afterEach(async () => {
    await server?.dispose();
    await database?.stop();
    server = undefined;
    database = undefined;
  });

  test(`file store: ${ANSWERS} answers, none lost or doubled`, async () => {
    server = await startTestServer(MANY_MESSAGES);
    const dataDir = server.dataDir;
    await answerFromTwoDevices('file store', ANSWERS, server, () => FileStore.open(dataDir));
  });

  (jongodbUnavailable ? test.skip : test)(`MongoDB (test server): ${MONGO_ANSWERS} answers, none lost or doubled`, async () => {
    database = await startJongodb();
    const uri = database.uriFor(`two_${randomUUID().replace(/-/g, '')}`);
    server = await startTestServer({ ...MANY_MESSAGES, MONGODB_URI: uri });
    await answerFromTwoDevices('MongoDB', MONGO_ANSWERS, server, () => MongoStore.open({ uri }));
  });
});
