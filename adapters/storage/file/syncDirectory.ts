import { open } from 'node:fs/promises';

// Platforms that cannot open or fsync a directory (Windows, some network file systems) report one of these.
const UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'ENOTSUP']);

interface DirectorySyncs {
  /** The fsync under way: it may have started before the caller's change, so it does not cover it. */
  running?: Promise<void>;
  /** The fsync that starts when the running one ends: it covers every change made before it starts. */
  queued?: Promise<void>;
}

const syncs = new Map<string, DirectorySyncs>();

/**
 * Flushes a directory's entries (a created, renamed or removed file) to disk, where the platform allows it. Callers
 * that change the same directory at the same time share fsyncs (a group commit): each waits for one that starts after
 * its own change, so the guarantee is the same as one fsync per change, at a fraction of the cost under load.
 */
export function syncDirectory(directory: string): Promise<void> {
  let state = syncs.get(directory);
  if (!state) syncs.set(directory, (state = {}));
  if (state.queued) return state.queued;
  if (!state.running) return start(directory, state);
  const current = state;
  current.queued = current.running!.then(
    () => start(directory, current, true),
    () => start(directory, current, true),
  );
  return current.queued;
}

function start(directory: string, state: DirectorySyncs, fromQueue = false): Promise<void> {
  if (fromQueue) state.queued = undefined;
  const running = fsyncDirectory(directory).finally(() => {
    if (state.running === running) state.running = undefined;
    if (!state.running && !state.queued && syncs.get(directory) === state) syncs.delete(directory);
  });
  state.running = running;
  return running;
}

async function fsyncDirectory(directory: string): Promise<void> {
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
