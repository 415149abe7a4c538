import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

const HOOK = join(__dirname, 'registerTypeScript.cjs');

/** Starts `node` on a TypeScript file of the project (compiled on the fly, as jest does). */
export function spawnTs(file: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--no-experimental-strip-types', '-r', HOOK, file, ...args], options);
}

/** The bot process (bot/serve.ts) with this environment on top of the test's. */
export function spawnBot(env: Record<string, string>, options: SpawnOptions = {}): ChildProcess {
  return spawnTs(join(__dirname, 'botProcess.ts'), [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
}
