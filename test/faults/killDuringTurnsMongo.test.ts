import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { jongodbUnavailable, startJongodb } from '../support/jongodb';
import { KILLS, killRepeatedly } from './support/killRepeatedly';

/** kill -9 of the bot mid-turn on MongoDB (the wire-compatible test server): nothing acknowledged lost. */
jest.setTimeout(600_000);

(jongodbUnavailable ? test.skip : test)(`kill -9 of the bot mid-turn on MongoDB (test server), ×${KILLS}: no acknowledged answer lost`, async () => {
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
