import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import type { Store } from '../../bot/ports/store';
import { startJongodb, type Jongodb } from './jongodb';

/** A way to open a fresh, empty store of one kind for a test, and to clean up after it. */
export interface StoreFactory {
  readonly name: string;
  open(): Promise<Store>;
  /** Closes every store opened and stops what the factory started. */
  dispose(): Promise<void>;
}

export function fileStoreFactory(): StoreFactory {
  const opened: { store: Store; dir: string }[] = [];
  return {
    name: 'file store',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'store-'));
      const store = await FileStore.open(dir);
      opened.push({ store, dir });
      return store;
    },
    async dispose() {
      for (const { store, dir } of opened) {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** MongoDB through the wire-compatible test server (one database per store opened). */
export function mongoStoreFactory(): StoreFactory {
  let server: Jongodb | undefined;
  const opened: Store[] = [];
  return {
    name: 'MongoDB store',
    async open() {
      server ??= await startJongodb();
      const store = await MongoStore.open({ uri: server.uriFor(`t_${randomUUID().replace(/-/g, '')}`) });
      opened.push(store);
      return store;
    },
    async dispose() {
      for (const store of opened) await store.close();
      await server?.stop();
    },
  };
}
