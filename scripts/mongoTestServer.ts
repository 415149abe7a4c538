import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';

/**
 * The MongoDB-wire-compatible in-memory test server from npm, for the tests and the benchmark (a development tool:
 * the bot itself never starts it).
 */

/** A running MongoDB-wire-compatible in-memory test server. */
export interface Jongodb {
  /** The connection string it printed (names the database "test"). */
  readonly uri: string;
  readonly port: number;
  /** A connection string for one database of this server (use one per test file: the server cannot drop databases). */
  uriFor(database: string, options?: string): string;
  /** Kills the server and waits until it has exited. */
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 15_000;
const PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';

/** The test server's binary, from the optional dependency that npm installs on Linux x64 (glibc) only. */
export function jongodbBinary(): string | null {
  try {
    return join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'bin', 'jongodb');
  } catch {
    return null;
  }
}

/** Why tests on the MongoDB test server cannot run on this machine, or null when they can. */
export const jongodbUnavailable: string | null = jongodbBinary()
  ? null
  : `the MongoDB-compatible test server (${PACKAGE}, an optional dependency for Linux x64 with glibc) is not installed here`;

/** Starts the jongodb binary from @jongodb/memory-server-bin-linux-x64-gnu on a free port of 127.0.0.1. */
export async function startJongodb(): Promise<Jongodb> {
  const binary = jongodbBinary();
  if (!binary) throw new Error(jongodbUnavailable ?? 'the MongoDB test server is missing');
  const child = spawn(binary, ['--host=127.0.0.1', '--port=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const uri = await readUri(child);
    const port = Number(new URL(uri).port);
    return {
      uri,
      port,
      uriFor: (database, options) => `mongodb://127.0.0.1:${port}/${database}${options ? `?${options}` : ''}`,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

function readUri(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(
      () => fail(new Error(`jongodb printed no JONGODB_URI within ${STARTUP_LIMIT_MS} ms: ${output}${errors}`)),
      STARTUP_LIMIT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /JONGODB_URI=(mongodb:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`jongodb exited (${code ?? signal}) before it was ready: ${errors}`)));
  });
}
