import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The bot on the file store without an AI key loads neither the MongoDB driver nor the OpenAI SDK (some 30 MB of heap
 * it would never use); configuring either loads it. Checked in a process of its own, from the packages it required.
 */
const ROOT = join(__dirname, '..', '..');
const PROBE = `
const { loadConfig } = require('./bot/config');
const { startApp } = require('./bot/app');
const { createLogger } = require('./bot/logger');
startApp(loadConfig(process.env), { logger: createLogger('silent') }).then(async (app) => {
  const packages = new Set(Object.keys(require.cache).map((file) => /node_modules\\/(mongodb|openai)\\//.exec(file)?.[1]).filter(Boolean));
  process.stdout.write(JSON.stringify([...packages].sort()));
  await app.stop();
});`;

async function packagesLoaded(env: Record<string, string>): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loaded-on-demand-'));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', join(ROOT, 'test', 'support', 'registerTypeScript.js'), '-e', PROBE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    });
    return JSON.parse(stdout) as string[];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('dependencies loaded on demand', () => {
  it('the file store without an AI service loads neither the MongoDB driver nor the OpenAI SDK', async () => {
    expect(await packagesLoaded({})).toEqual([]);
  });

  it('an AI service loads the OpenAI SDK', async () => {
    expect(await packagesLoaded({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_MODEL: 'local' })).toEqual(['openai']);
  });
});
