import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The bot running as its own process, as `npm start` runs it (from the TypeScript sources). */
export interface BotProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed (JSON log lines and the start-up line). */
  output(): string;
  /** Its log lines as objects. */
  logLines(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
}

/** Starts `serve()` in a child process on 127.0.0.1 and a free port; resolves once it says where it listens. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'registerTypeScript.js'), '-e', "require('./bot/serve').serve()"], {
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
  return {
    url,
    child,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}
