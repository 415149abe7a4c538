import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../scripts/freePort';
import { compiledBot } from './compiledBot';

/** The bot running as its own process, as `npm start` runs it. */
export interface BotProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  /** Resident set size now and at its peak, in bytes (Linux /proc). */
  memory(): { rssBytes: number; peakRssBytes: number };
  /** Kills it with SIGKILL (nothing runs after), and waits until it has gone. */
  kill(): Promise<void>;
  /** SIGTERM, and waits for the exit code. */
  stop(): Promise<number | null>;
}

const STARTUP_LIMIT_MS = 30_000;

/** Starts `node <build>/bot/main.js` on 127.0.0.1 and a free port, and waits until /healthz answers 200. */
export async function startBotProcess(env: Record<string, string>, options: { nodeArgs?: readonly string[] } = {}): Promise<BotProcess> {
  const build = compiledBot();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), join(build, 'bot', 'main.js')], {
    cwd: build,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited before it was ready:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() - started > STARTUP_LIMIT_MS) {
      child.kill('SIGKILL');
      throw new Error(`no healthy /healthz within ${STARTUP_LIMIT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const status = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return {
    url,
    port,
    pid: child.pid!,
    output: () => output,
    memory: () => ({ rssBytes: status('VmRSS'), peakRssBytes: status('VmHWM') }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
