import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type BotFrameworkEndpoints, type RunningApp, type StartAppOptions } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';

export interface TestServer {
  readonly app: RunningApp;
  readonly url: string;
  readonly dataDir: string;
  /** Stops the server; the data folder is kept so a new server can continue on it. */
  stop(): Promise<void>;
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  /** Local stand-ins for Microsoft's Bot Framework endpoints (see test/support/botFrameworkFakes.ts). */
  readonly botFrameworkEndpoints?: BotFrameworkEndpoints;
  /** Other test-only options of startApp (the Teams tab's key set, the outbox lease). */
  readonly app?: Omit<StartAppOptions, 'logger' | 'botFrameworkEndpoints'>;
}

/** Starts the real bot server on 127.0.0.1 and a free port, with its own data folder (or the one given). */
export async function startTestServer(env: Record<string, string> = {}, dataDir?: string, options: TestServerOptions = {}): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'bot-test-')));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const app = await startApp(config, {
    logger: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
    botFrameworkEndpoints: options.botFrameworkEndpoints,
    ...options.app,
  }).catch(async (error: unknown) => {
    if (!dataDir) await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  return {
    app,
    url: app.url,
    dataDir: dir,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
