import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { type AdvisorStores, openAdvisorStores } from '../../bot/openStore';
import type { Store } from '../../bot/ports/store';
import { startJongodb, type Jongodb } from './jongodb';

/** A learners' store and the advisor stores beside it, fresh for one test. */
export interface AdvisorStoresUnderTest {
  readonly store: Store;
  readonly stores: AdvisorStores;
  /** The same data opened again, as another bot process (MongoDB) or the same one after a restart (file store) would. */
  reopen(): Promise<AdvisorStores>;
  cleanup(): Promise<void>;
}

export interface AdvisorStoresFactory {
  readonly name: string;
  open(): Promise<AdvisorStoresUnderTest>;
  /** Stops what the factory started. */
  dispose(): Promise<void>;
}

export function fileAdvisorStores(): AdvisorStoresFactory {
  return {
    name: 'file store',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'advisor-stores-'));
      const store = await FileStore.open(dir);
      return {
        store,
        stores: await openAdvisorStores(store),
        reopen: () => openAdvisorStores(store),
        async cleanup() {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
    async dispose() {},
  };
}

/** MongoDB through the wire-compatible test server, one database per test. */
export function mongoAdvisorStores(): AdvisorStoresFactory {
  let server: Jongodb | undefined;
  return {
    name: 'MongoDB store',
    async open() {
      server ??= await startJongodb();
      const uri = server.uriFor(`a_${randomUUID().replace(/-/g, '')}`);
      const store = await MongoStore.open({ uri });
      const others: Store[] = [];
      return {
        store,
        stores: await openAdvisorStores(store),
        async reopen() {
          const other = await MongoStore.open({ uri });
          others.push(other);
          return openAdvisorStores(other);
        },
        async cleanup() {
          await Promise.all([store, ...others].map((s) => s.close()));
        },
      };
    },
    async dispose() {
      await server?.stop();
    },
  };
}
