import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import type { Store } from '../../bot/ports/store';
import { jongodbUnavailable, startJongodb } from '../support/jongodb';
import { AnswerLoop, faultModule, STEPS_BEFORE_QUESTION } from './support/answerLoop';
import { BotProcess } from './support/botProcess';
import { checkAcknowledged } from './support/checkAnswers';
import { checkDataFolder } from './support/checkDataFolder';
import { MessagesLearner } from './support/messagesLearner';
import { MANY_MESSAGES } from './support/manyMessages';

/**
 * kill -9 of the bot process while learners are mid-turn, again and again: every answer the bot acknowledged is in
 * the answer log exactly once afterwards, and every file still reads. FAULT_KILLS changes the number of kills (50).
 */
const KILLS = Number(process.env.FAULT_KILLS ?? 50);
const LEARNERS = 4;

jest.setTimeout(600_000);

async function killRepeatedly(name: string, env: Record<string, string>, openStore: () => Promise<Store>): Promise<void> {
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

describe('kill -9 of the bot mid-turn', () => {
  test(`on the file store, ×${KILLS}: no acknowledged answer lost, no corrupt file`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fault-kill-'));
    try {
      await killRepeatedly('file store', { DATA_DIR: dataDir }, () => FileStore.open(dataDir));
      const folder = await checkDataFolder(dataDir);
      process.stdout.write(
        `  data folder: ${folder.files} files, ${folder.corrupt.length} corrupt, ${folder.tornTails} torn last lines (ignored by design)\n`,
      );
      expect(folder.corrupt).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  (jongodbUnavailable ? test.skip : test)(`on MongoDB (test server), ×${KILLS}: no acknowledged answer lost`, async () => {
    const database = await startJongodb();
    const dataDir = await mkdtemp(join(tmpdir(), 'fault-kill-mongo-'));
    const uri = database.uriFor(`kill_${randomUUID().replace(/-/g, '')}`);
    try {
      await killRepeatedly('MongoDB', { DATA_DIR: dataDir, MONGODB_URI: uri }, () => MongoStore.open({ uri }));
    } finally {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
