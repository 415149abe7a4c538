import type { Store } from '../../../bot/ports/store';
import { AnswerLoop, faultModule, STEPS_BEFORE_QUESTION } from './answerLoop';
import { BotProcess } from './botProcess';
import { checkAcknowledged } from './checkAnswers';
import { MessagesLearner } from './messagesLearner';
import { MANY_MESSAGES } from './manyMessages';

/**
 * kill -9 of the bot process while learners are mid-turn, again and again: every answer the bot acknowledged is in
 * the answer log exactly once afterwards. FAULT_KILLS changes the number of kills (50). Each store has its own test
 * file, so that jest runs the two on separate workers.
 */
export const KILLS = Number(process.env.FAULT_KILLS ?? 50);
const LEARNERS = 4;

/** Kills the bot KILLS times while LEARNERS answer through /api/messages, then checks the store. */
export async function killRepeatedly(name: string, env: Record<string, string>, openStore: () => Promise<Store>): Promise<void> {
  const started = Date.now();
  const bot = new BotProcess({ ...MANY_MESSAGES, ...env });
  await bot.start();
  const loops = Array.from({ length: LEARNERS }, () => new AnswerLoop(new MessagesLearner(() => bot.url)));
  await Promise.all(loops.map((loop) => loop.learner.toFirstQuestion(faultModule.id, STEPS_BEFORE_QUESTION)));

  for (let kill = 0; kill < KILLS; kill += 1) {
    // Killed after a few acknowledged answers, at a random moment within the next turns: some are always in flight.
    const answersBeforeKill = 1 + Math.floor(Math.random() * 4);
    let completed = 0;
    let stopped = false;
    let armed!: () => void;
    const enoughTurns = new Promise<void>((resolve) => (armed = resolve));
    const running = loops.map((loop) =>
      loop.run(
        () => stopped,
        () => {
          if (++completed === answersBeforeKill) armed();
        },
      ),
    );
    await Promise.race([enoughTurns, Promise.all(running)]);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
    await bot.kill();
    stopped = true;
    await Promise.all(running);
    await bot.start();
  }
  // One more turn each, then a clean stop, so what the last kill interrupted is also looked at after a restart.
  for (const loop of loops) await loop.step();
  await bot.stop();

  const store = await openStore();
  const result = await checkAcknowledged(store, loops).finally(() => store.close());
  const turns = loops.reduce((sum, loop) => sum + loop.turns, 0);
  process.stdout.write(
    `kill -9 mid-turn, ${name}: ${KILLS} kills, ${LEARNERS} learners, ${turns} turns, ${result.acknowledged} answers acknowledged, ` +
      `${result.lost.length} lost, ${result.doubled.length} logged twice, ${result.notInLog.length} answers in the progress missing from the log, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  expect(result.acknowledged).toBeGreaterThanOrEqual(KILLS);
  expect(result.lost).toEqual([]);
  expect(result.doubled).toEqual([]);
  expect(result.notInLog).toEqual([]);
}
