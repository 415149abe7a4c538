import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { decodeRecord } from '../decodeRecord';
import { validateRecord } from '../validateRecord';
import { atomicWriteFile, TEMP_FILE_PATTERN } from './atomicWriteFile';
import { readJsonFile } from './readJsonFile';
import { syncDirectory } from './syncDirectory';

/**
 * A folder of JSON documents of one kind, one file per key (the SHA-256 of the key as its name), read into memory when
 * opened and written through atomically. The file store serves one process, so the copy in memory is the truth and
 * queries run on it; the files are what survives a restart.
 */
export class FileDocuments<S extends z.ZodType> {
  private readonly documents = new Map<string, z.output<S>>();

  private constructor(
    readonly folder: string,
    private readonly schema: S,
    private readonly keyOf: (document: z.output<S>) => string,
    private readonly what: string,
  ) {}

  /** Creates the folder if needed, clears a crashed write's temporary files, and loads every document. */
  static async open<S extends z.ZodType>(folder: string, schema: S, keyOf: (document: z.output<S>) => string, what: string): Promise<FileDocuments<S>> {
    const documents = new FileDocuments(folder, schema, keyOf, what);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    for (const file of await readdir(folder)) {
      const path = join(folder, file);
      if (TEMP_FILE_PATTERN.test(file)) await rm(path, { force: true });
      else if (file.endsWith('.json')) {
        const document = decodeRecord(schema, await readJsonFile(path), path);
        documents.documents.set(keyOf(document), document);
      }
    }
    return documents;
  }

  get(key: string): z.output<S> | undefined {
    return this.documents.get(key);
  }

  values(): IterableIterator<z.output<S>> {
    return this.documents.values();
  }

  /** Validates and writes the document, then keeps it in memory. */
  async put(document: z.output<S>): Promise<z.output<S>> {
    const checked = validateRecord(this.schema, document, this.what);
    const key = this.keyOf(checked);
    await atomicWriteFile(this.fileOf(key), `${JSON.stringify(checked)}\n`);
    this.documents.set(key, checked);
    return checked;
  }

  async remove(key: string): Promise<boolean> {
    if (!this.documents.has(key)) return false;
    await rm(this.fileOf(key), { force: true });
    await syncDirectory(this.folder);
    this.documents.delete(key);
    return true;
  }

  private fileOf(key: string): string {
    return join(this.folder, `${createHash('sha256').update(key, 'utf8').digest('hex')}.json`);
  }
}
