import { open, readFile } from 'node:fs/promises';
import { syncDirectory } from './syncDirectory';
import { dirname } from 'node:path';

/** What a JSON Lines file held when it was read. */
export interface JsonLinesContent {
  readonly exists: boolean;
  /** One parsed value per complete (newline-terminated) line, in file order. */
  readonly values: readonly unknown[];
  /** Length in bytes of the complete lines; anything after it is a torn line from an append that never finished. */
  readonly completeBytes: number;
  readonly hasTornTail: boolean;
}

/**
 * An append-only JSON Lines file: one JSON value per line, each append fsynced before it is reported done.
 * A process killed mid-append can leave a torn last line without its newline; reading ignores it (the append was
 * never acknowledged) and the next append cuts it off before writing, so it never merges with a good line.
 */
export class JsonLinesFile {
  constructor(readonly path: string) {}

  async read(): Promise<JsonLinesContent> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { exists: false, values: [], completeBytes: 0, hasTornTail: false };
      }
      throw error;
    }
    const completeBytes = bytes.lastIndexOf(0x0a) + 1;
    const lines = bytes.subarray(0, completeBytes).toString('utf8').split('\n');
    lines.pop(); // the empty string after the last newline
    const values = lines.map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${this.path} line ${index + 1} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    });
    return { exists: true, values, completeBytes, hasTornTail: completeBytes < bytes.length };
  }

  /**
   * Appends one value. `current` is what read() returned under the same lock, so a torn tail can be cut first.
   * Resolves with the file's content as far as appending needs it (its values are not kept).
   */
  async append(value: unknown, current: JsonLinesContent): Promise<JsonLinesContent> {
    return this.appendAll([value], current);
  }

  /** Appends values in one write and one fsync (fdatasync: the data and the file's new length). */
  async appendAll(values: readonly unknown[], current: JsonLinesContent): Promise<JsonLinesContent> {
    if (values.length === 0) return current;
    const text = values.map((value) => `${JSON.stringify(value)}\n`).join('');
    const handle = await open(this.path, 'a', 0o600);
    try {
      if (current.hasTornTail) await handle.truncate(current.completeBytes);
      await handle.write(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (!current.exists) await syncDirectory(dirname(this.path));
    return { exists: true, values: [], completeBytes: current.completeBytes + Buffer.byteLength(text), hasTornTail: false };
  }
}
