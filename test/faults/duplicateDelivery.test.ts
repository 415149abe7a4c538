import { randomUUID } from 'node:crypto';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { faultModule, STEPS_BEFORE_QUESTION } from './support/answerLoop';
import { isApology, MessagesLearner } from './support/messagesLearner';
import { MANY_MESSAGES } from './support/manyMessages';

/**
 * One answer delivered 1,000 times (same activity id), in waves of concurrent copies, as a channel that retries
 * aggressively would: the answer is logged exactly once and the conversation advances once.
 * FAULT_DUPLICATES changes the number of copies.
 */
const COPIES = Number(process.env.FAULT_DUPLICATES ?? 1000);
const AT_ONCE = 50;

jest.setTimeout(300_000);

describe('duplicate delivery', () => {
  let server: TestServer;
  afterEach(async () => server?.dispose());

  test(`one answer posted ${COPIES} times is logged once and applied once`, async () => {
    server = await startTestServer(MANY_MESSAGES);
    const learner = new MessagesLearner(() => server.url);
    await learner.toFirstQuestion(faultModule.id, STEPS_BEFORE_QUESTION);
    const activityId = randomUUID();
    const text = 'Older people in the countryside are lonely and lack meeting places.';
    const counts = { answered: 0, empty: 0, apologies: 0, other: 0 };
    const firstReply = await learner.say(text, activityId);
    const started = Date.now();
    for (let sent = 1; sent < COPIES; sent += AT_ONCE) {
      const replies = await Promise.all(Array.from({ length: Math.min(AT_ONCE, COPIES - sent) }, () => learner.say(text, activityId)));
      for (const reply of replies) {
        if (reply === '') counts.empty += 1;
        else if (isApology(reply)) counts.apologies += 1;
        else if (reply === firstReply) counts.answered += 1;
        else counts.other += 1;
      }
    }
    await server.stop();

    const store = await FileStore.open(server.dataDir);
    const owner = await store.findLearner({ channel: 'test', userId: learner.userId }, 'demo');
    const logged = (await store.listAnswers(owner!.id)).filter((answer) => answer.activityId === activityId);
    const progress = await store.loadProgress(owner!.id);
    await store.close();
    process.stdout.write(
      `duplicate delivery: 1 + ${COPIES - 1} copies in waves of ${AT_ONCE} (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
        `replies ${counts.answered} with the first reply again, ${counts.empty} empty, ${counts.apologies} apologies, ${counts.other} other; ` +
        `logged ${logged.length} time(s)\n`,
    );
    expect(firstReply).not.toBe('');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ answer: text, stepKind: 'question' });
    expect(counts.other).toBe(0); // no copy was applied again, to whatever step came next
    expect(progress?.recentActivityIds.filter((id) => id === activityId)).toHaveLength(1);
  });
});
