import { WEB_CHAT_LIMITS, WEB_CHAT_STREAM_BUDGET } from '../adapters/directline/webChatLimits';
import { FileAdvisorStore } from '../adapters/storage/file/fileAdvisorStore';
import { FileCohort } from '../adapters/storage/file/fileCohort';
import { FileConversationStreams } from '../adapters/storage/file/fileConversationStreams';
import { FileNotesStore } from '../adapters/storage/file/fileNotesStore';
import { FileOutbox } from '../adapters/storage/file/fileOutbox';
import { FileStore } from '../adapters/storage/file/fileStore';
import { FileWebSessions } from '../adapters/storage/file/fileWebSessions';
import type * as MongoBackend from '../adapters/storage/mongo/mongoBackend';
import type { Config } from './config';
import type { Logger } from './logger';
import { MemoryRateCounters } from './memoryRateCounters';
import type { AdvisorStore } from './ports/advisorStore';
import type { CohortReadModel } from './ports/cohortReadModel';
import type { ConversationStreamStore } from './ports/conversationStreamStore';
import type { NotesStore } from './ports/notesStore';
import type { Outbox } from './ports/outbox';
import type { RateCounters } from './ports/rateCounters';
import type { Store } from './ports/store';
import type { WebSessionStore } from './ports/webSessionStore';

/**
 * The MongoDB side, loaded only when it is configured (the file store never pays for the driver). A plain require:
 * it resolves the same way compiled, under jest and from the sources, where import() would need the file's extension.
 */
const mongoBackend = (): typeof MongoBackend =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  require('../adapters/storage/mongo/mongoBackend') as typeof MongoBackend;

/** MongoDB when MONGODB_URI is set, else the embedded file store in DATA_DIR. */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.MONGODB_URI) {
    logger.info('using MongoDB for progress');
    return mongoBackend().openMongoStore({ ...config, MONGODB_URI: config.MONGODB_URI }, logger);
  }
  logger.info({ dataDir: config.DATA_DIR }, 'using the embedded file store');
  return FileStore.open(config.DATA_DIR);
}

/** What the web channel and the rate limits keep beside the Store, in the same backend. */
export interface WebChatStores {
  readonly streams: ConversationStreamStore;
  readonly sessions: WebSessionStore;
  readonly counters: RateCounters;
  close(): Promise<void>;
}

/**
 * The web channel's stores beside `store`: on MongoDB, collections of the same database (shared by every bot process);
 * with the file store, folders of DATA_DIR and counters in process memory (one process).
 */
export async function openWebChatStores(config: Config, store: Store): Promise<WebChatStores> {
  const { streams, sessions, counters } =
    store instanceof FileStore
      ? {
          streams: await FileConversationStreams.open(config.DATA_DIR, { ...WEB_CHAT_STREAM_BUDGET, cacheBytes: WEB_CHAT_LIMITS.streamCacheBytes }),
          sessions: await FileWebSessions.open(config.DATA_DIR),
          counters: new MemoryRateCounters(),
        }
      : mongoBackend().mongoWebChatStores(store);
  return {
    streams,
    sessions,
    counters,
    async close() {
      await Promise.all([streams.close(), sessions.close(), counters.close()]);
    },
  };
}

/** The advisor side's ports, kept where the learners' store keeps its documents. */
export interface AdvisorStores {
  readonly advisors: AdvisorStore;
  readonly notes: NotesStore;
  readonly outbox: Outbox;
  readonly cohort: CohortReadModel;
}

/** The advisor side's stores beside `store`: in its data folder, or in its MongoDB database. */
export async function openAdvisorStores(store: Store): Promise<AdvisorStores> {
  if (!(store instanceof FileStore)) return mongoBackend().mongoAdvisorStores(store);
  const [advisors, notes, outbox, cohort] = await Promise.all([
    FileAdvisorStore.open(store.dataDir),
    FileNotesStore.open(store.dataDir),
    FileOutbox.open(store.dataDir),
    FileCohort.open(store.dataDir, store.log),
  ]);
  return { advisors, notes, outbox, cohort };
}
