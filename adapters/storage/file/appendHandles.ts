import { type FileHandle, open } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';

/**
 * Files kept open for appending, the most recently used ones (bounded), so that an append is one write rather than an
 * open, a write and a close. Whoever replaces or removes a file releases it first: an append through a handle left
 * open would go to the file that was replaced. Callers serialise the appends and the release of one file.
 */
export class AppendHandles {
  private readonly handles: LRUCache<string, Promise<FileHandle>>;

  constructor(max: number) {
    this.handles = new LRUCache({ max, dispose: (handle) => void closeQuietly(handle) });
  }

  async append(path: string, text: string): Promise<void> {
    let handle = this.handles.get(path);
    if (!handle) {
      handle = open(path, 'a', 0o600);
      this.handles.set(path, handle);
    }
    try {
      await (await handle).write(text);
    } catch (error) {
      // A handle that failed (or never opened) is not used again.
      if (this.handles.get(path) === handle) this.handles.delete(path);
      throw error;
    }
  }

  /** Closes the file's handle, if one is open (before the file is replaced or removed). */
  async release(path: string): Promise<void> {
    const handle = this.handles.get(path);
    if (!handle) return;
    this.handles.delete(path);
    await closeQuietly(handle);
  }

  async closeAll(): Promise<void> {
    const all = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(all.map(closeQuietly));
  }
}

async function closeQuietly(handle: Promise<FileHandle>): Promise<void> {
  await handle.then((opened) => opened.close()).catch(() => undefined);
}
