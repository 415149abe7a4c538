import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loggedChanges, WAL_FOLDER } from '../../adapters/storage/file/writeAheadLog';
import { listFiles } from './listFiles';

/**
 * The files a restart would find under a file store's data folder (or one of its sub-folders, `under`): those on disk
 * with what the write-ahead log holds applied, the log's own files left out. Paths relative to `under`, sorted.
 */
export async function storedFiles(dataDir: string, under = dataDir): Promise<string[]> {
  const files = new Set((await listFiles(under)).filter((file) => !relative(dataDir, join(under, file)).startsWith(`${WAL_FOLDER}/`)));
  for (const [path, json] of await loggedChanges(dataDir)) {
    const name = relative(under, path);
    if (name.startsWith('..')) continue;
    if (json === null) files.delete(name);
    else files.add(name);
  }
  return [...files].sort();
}

/** A document of a file store's data folder as a restart would find it (the log's latest change, else its file); null if none. */
export async function readStoredDocument(dataDir: string, path: string): Promise<unknown> {
  const logged = (await loggedChanges(dataDir)).get(join(dataDir, path));
  if (logged !== undefined) return logged === null ? null : JSON.parse(logged);
  return readFile(join(dataDir, path), 'utf8').then(
    (text) => JSON.parse(text) as unknown,
    () => null,
  );
}
