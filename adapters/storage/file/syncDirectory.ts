import { open } from 'node:fs/promises';

// Platforms that cannot open or fsync a directory (Windows, some network file systems) report one of these.
const UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'ENOTSUP']);

/** Flushes a directory's entries (a created, renamed or removed file) to disk, where the platform allows it. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
