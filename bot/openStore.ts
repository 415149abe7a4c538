import { FileStore } from '../adapters/storage/file/fileStore';
import { MongoStore } from '../adapters/storage/mongo/mongoStore';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Store } from './ports/store';

/** MongoDB when MONGODB_URI is set, else the embedded file store in DATA_DIR. */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (config.MONGODB_URI) {
    logger.info('using MongoDB for progress');
    return MongoStore.open({ uri: config.MONGODB_URI, ...(config.MONGODB_DB ? { dbName: config.MONGODB_DB } : {}) });
  }
  logger.info({ dataDir: config.DATA_DIR }, 'using the embedded file store');
  return FileStore.open(config.DATA_DIR);
}
