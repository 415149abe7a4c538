import { WEB_CHAT_STREAM_BUDGET } from '../../directline/webChatLimits';
import type { Config } from '../../../bot/config';
import type { Logger } from '../../../bot/logger';
import type { AdvisorStores, WebChatStores } from '../../../bot/openStore';
import type { Store } from '../../../bot/ports/store';
import { MongoAdvisorStore } from './mongoAdvisorStore';
import { MongoCohort } from './mongoCohort';
import { MongoConversationStreams } from './mongoConversationStreams';
import { MongoNotesStore } from './mongoNotesStore';
import { MongoOutbox } from './mongoOutbox';
import { MongoRateCounters } from './mongoRateCounters';
import { MongoStore } from './mongoStore';
import { MongoWebSessions } from './mongoWebSessions';
import { WebChatDatabase } from './webChatCollections';

/**
 * Everything the bot keeps in MongoDB, opened from one module so that bot/openStore.ts loads it (and the driver, some
 * 25 MB of heap with BSON's serialisation buffer) only when MONGODB_URI is set.
 */
export async function openMongoStore(config: Config & { MONGODB_URI: string }, logger: Logger): Promise<Store> {
  return MongoStore.open({
    uri: config.MONGODB_URI,
    operationTimeoutMS: config.MONGODB_TIMEOUT_MS,
    onReconnect: (reason) => logger.warn({ reason }, "MongoDB driver's server monitor stopped; connecting afresh"),
    ...(config.MONGODB_DB ? { dbName: config.MONGODB_DB } : {}),
  });
}

/** The web channel's collections in the store's database, shared by every bot process. */
export function mongoWebChatStores(store: Store): Omit<WebChatStores, 'close'> {
  const mongo = mongoStoreOf(store);
  const database = new WebChatDatabase(() => mongo.database(), mongo.operationTimeoutMS);
  return {
    streams: new MongoConversationStreams(database, WEB_CHAT_STREAM_BUDGET),
    sessions: new MongoWebSessions(database),
    counters: new MongoRateCounters(database),
  };
}

/** The advisor side's collections in the store's database. */
export function mongoAdvisorStores(store: Store): AdvisorStores {
  const { db, operationTimeoutMS } = mongoStoreOf(store);
  return {
    advisors: new MongoAdvisorStore(db, operationTimeoutMS),
    notes: new MongoNotesStore(db, operationTimeoutMS),
    outbox: new MongoOutbox(db, operationTimeoutMS),
    cohort: new MongoCohort(db, operationTimeoutMS),
  };
}

function mongoStoreOf(store: Store): MongoStore {
  if (store instanceof MongoStore) return store;
  throw new Error('the web channel and the advisor side are kept beside a FileStore or a MongoStore only');
}
