import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The bot running as its own process, as `npm start` runs it (from the TypeScript sources). */
export interface BotProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it printed (JSON log lines and the start-up line). */
  output(): string;
  /** Its log lines as objects. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** Resident set size now and at its peak, in bytes (Linux /proc). */
  memory(): { rssBytes: number; peakRssBytes: number };
  /** Kills it with SIGKILL (nothing runs after, as a crash), and waits until it has gone. */
  kill(): Promise<void>;
}

/**
 * Starts `serve()` in a child process on 127.0.0.1 and a free port; resolves once it says where it listens. `nodeArgs`
 * go to node itself (e.g. a heap limit).
 */
export async function startBotProcess(env: Record<string, string>, options: { nodeArgs?: readonly string[] } = {}): Promise<BotProcess> {
  const script = ['-r', join(__dirname, 'registerTypeScript.js'), '-e', "require('./bot/serve').serve()"];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`the bot did not start within 30 s:\n${output}`)), 30_000);
    const look = () => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(deadline);
        child.stdout.off('data', look);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', look);
    void exited.then(() => reject(new Error(`the bot exited while starting:\n${output}`)));
  });
  const status = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return {
    url,
    port: Number(new URL(url).port),
    child,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    memory: () => ({ rssBytes: status('VmRSS'), peakRssBytes: status('VmHWM') }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
