import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify, { type Server } from 'restify';
import { ConversationStream } from '../../adapters/directline/conversationStream';
import { DirectLineChannel } from '../../adapters/directline/directLineChannel';
import { registerDirectLineRoutes, type DirectLineRoutesOptions } from '../../adapters/directline/directLineRoutes';
import { SessionRateLimiter } from '../../adapters/directline/sessionRateLimiter';
import { WebChatData } from '../../adapters/directline/webChatData';
import { WEB_CHAT_LIMITS, WEB_CHAT_STREAM_BUDGET } from '../../adapters/directline/webChatLimits';
import { WebChatSessions } from '../../adapters/directline/webChatSessions';
import { WebChatTokens } from '../../adapters/directline/webChatTokens';
import { FileConversationStreams } from '../../adapters/storage/file/fileConversationStreams';
import { FileWebSessions } from '../../adapters/storage/file/fileWebSessions';
import type { InboundActivity } from '../../bot/channel/activity';
import type { ConversationStreamStore } from '../../bot/ports/conversationStreamStore';
import type { WebSessionStore } from '../../bot/ports/webSessionStore';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import type { TrustProxy } from '../../bot/config';
import { MemoryRateCounters } from '../../bot/memoryRateCounters';

export const HARNESS_SECRET = 'directline-harness-secret-0123456789abcdef';

/** A clock the test moves by hand. */
export interface TestClock {
  readonly now: () => number;
  readonly advanceSeconds: (seconds: number) => void;
}

export interface DirectLineHarness {
  readonly baseUrl: string;
  readonly server: Server;
  readonly channel: DirectLineChannel;
  readonly stream: ConversationStream;
  readonly sessions: WebChatSessions;
  readonly webChatData: WebChatData;
  readonly tokens: WebChatTokens;
  readonly clock: TestClock;
  readonly dataDir: string;
  /** Bot failures the routes answered with 500. */
  readonly errors: unknown[];
  /** Stops the server (the data folder stays, so a new harness on it is a restart). */
  close(): Promise<void>;
  /** Stops the server and removes the data folder. */
  dispose(): Promise<void>;
}

export interface DirectLineHarnessOptions {
  readonly bot: ChannelBot;
  /** Continue on this data folder (a restart); a new temporary one otherwise. */
  readonly dataDir?: string;
  /** New learners per address per minute; no limiter when absent. */
  readonly newLearnersPerMinute?: number;
  readonly trustProxy?: TrustProxy;
  readonly clock?: TestClock;
  /** Lets a test add routes (the web pages) before the server listens. */
  readonly extend?: (server: Server, options: DirectLineRoutesOptions) => void;
  readonly sessionOrganisation?: DirectLineRoutesOptions['sessionOrganisation'];
  /** The streams and sessions to serve from (their owner closes them); the file store's in the data folder otherwise. */
  readonly stores?: { readonly streams: ConversationStreamStore; readonly sessions: WebSessionStore };
}

/** A clock that starts at the real time and moves only when told. */
export function manualClock(start = Date.now()): TestClock {
  let now = start;
  return { now: () => now, advanceSeconds: (seconds) => (now += seconds * 1000) };
}

/**
 * The real Direct Line routes on restify on 127.0.0.1 with the embedded file store's streams and sessions in a data
 * folder (or the stores given), around a test bot.
 */
export async function startDirectLineHarness(options: DirectLineHarnessOptions): Promise<DirectLineHarness> {
  const clock = options.clock ?? manualClock();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'directline-')));
  const streams =
    options.stores?.streams ??
    (await FileConversationStreams.open(dataDir, { ...WEB_CHAT_STREAM_BUDGET, cacheBytes: WEB_CHAT_LIMITS.streamCacheBytes }));
  const sessionStore = options.stores?.sessions ?? (await FileWebSessions.open(dataDir));
  const stream = new ConversationStream(streams, clock.now);
  const tokens = new WebChatTokens({ secret: HARNESS_SECRET, accessTokenSeconds: WEB_CHAT_LIMITS.accessTokenSeconds, now: clock.now });
  const sessions = new WebChatSessions({ store: sessionStore, tokens, now: clock.now });
  const channel = new DirectLineChannel({ stream, botId: 'programme-bot', botName: 'Programme Bot', bot: options.bot });
  const errors: unknown[] = [];
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  const routeOptions: DirectLineRoutesOptions = {
    channel,
    sessions,
    defaultOrganisationId: 'demo',
    sessionOrganisation: options.sessionOrganisation ?? (() => 'demo'),
    onError: (error: unknown, _activity: InboundActivity) => errors.push(error),
    ...(options.newLearnersPerMinute
      ? {
          sessionLimiter: new SessionRateLimiter({
            counters: new MemoryRateCounters(),
            newLearnersPerMinute: options.newLearnersPerMinute,
            trustProxy: options.trustProxy ?? false,
            now: clock.now,
          }),
        }
      : {}),
  };
  registerDirectLineRoutes(server, routeOptions);
  options.extend?.(server, routeOptions);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const stopped = new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    server.server.closeAllConnections();
    await stopped;
    if (!options.stores) await Promise.all([streams.close(), sessionStore.close()]);
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    channel,
    stream,
    sessions,
    webChatData: new WebChatData(stream, sessions),
    tokens,
    clock,
    dataDir,
    errors,
    close,
    async dispose() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
