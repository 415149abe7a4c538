import { type FileHandle, open } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';

/**
 * Files kept open for appending, the most recently used ones (bounded), so that an append is one write rather than an
 * open, a write and a close. Whoever replaces or removes a file releases it first: an append through a handle left
 * open would go to the file that was replaced. Callers serialise the appends and the release of one file.
 *
 * A handle pushed out while a write through it is under way is closed once the write ends; the file's next append
 * opens a new one.
 */
export class AppendHandles {
  private readonly handles: LRUCache<string, Promise<FileHandle>>;
  /** Handles with writes under way, and how many. */
  private readonly writing = new Map<Promise<FileHandle>, number>();
  /** Handles pushed out or released while writing: closed when their last write ends. */
  private readonly closeWhenIdle = new Set<Promise<FileHandle>>();
  private readonly closings = new Set<Promise<void>>();

  constructor(max: number) {
    this.handles = new LRUCache({
      max,
      dispose: (handle) => {
        if (this.writing.has(handle)) this.closeWhenIdle.add(handle);
        else this.close(handle);
      },
    });
  }

  async append(path: string, text: string): Promise<void> {
    let handle = this.handles.get(path);
    if (!handle) {
      handle = open(path, 'a', 0o600);
      this.handles.set(path, handle);
    }
    this.writing.set(handle, (this.writing.get(handle) ?? 0) + 1);
    try {
      await (await handle).write(text);
    } catch (error) {
      // A handle that failed (or never opened) is not used again.
      if (this.handles.get(path) === handle) this.handles.delete(path);
      throw error;
    } finally {
      this.doneWriting(handle);
    }
  }

  /** Stops using the file's handle (before the file is replaced or removed); it closes once no write uses it. */
  release(path: string): void {
    this.handles.delete(path);
  }

  /** Closes every handle, waiting for the writes under way. */
  async closeAll(): Promise<void> {
    this.handles.clear();
    while (this.writing.size > 0 || this.closings.size > 0) {
      await Promise.all([...this.closings]);
      if (this.writing.size > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private doneWriting(handle: Promise<FileHandle>): void {
    const left = (this.writing.get(handle) ?? 1) - 1;
    if (left > 0) {
      this.writing.set(handle, left);
      return;
    }
    this.writing.delete(handle);
    if (this.closeWhenIdle.delete(handle)) this.close(handle);
  }

  private close(handle: Promise<FileHandle>): void {
    const closing = handle
      .then((opened) => opened.close())
      .catch(() => undefined)
      .finally(() => this.closings.delete(closing));
    this.closings.add(closing);
  }
}
