import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory } from './syncDirectory';

/** Names of the temporary files atomicWriteFile leaves behind only if the process dies mid-write. */
export const TEMP_FILE_PATTERN = /^\..+\.tmp$/;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a torn file:
 * write a temporary file (in `temporaryDir`, on the same file system, or beside the target), fdatasync it (its data
 * and length; nothing else about it needs to last), rename it over the target, fsync the target's folder (shared with
 * concurrent writes to the same folder: syncDirectory).
 */
export async function atomicWriteFile(path: string, content: string, temporaryDir = dirname(path)): Promise<void> {
  const directory = dirname(path);
  const temporary = join(temporaryDir, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}
