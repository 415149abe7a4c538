import { hash } from 'node:crypto';
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
  static async open<S extends z.ZodType>(
    folder: string,
    schema: S,
    keyOf: (document: z.output<S>) => string,
    what: string,
  ): Promise<FileDocuments<S>> {
    await prepareDocumentFolder(folder);
    return FileDocuments.load(folder, schema, keyOf, what);
  }

  /** Reads every document of the folder (leaving temporary files alone: a write may be under way). */
  private static async load<S extends z.ZodType>(
    folder: string,
    schema: S,
    keyOf: (document: z.output<S>) => string,
    what: string,
  ): Promise<FileDocuments<S>> {
    const documents = new FileDocuments(folder, schema, keyOf, what);
    for (const file of await readdir(folder)) {
      const path = join(folder, file);
      if (!file.endsWith('.json') || TEMP_FILE_PATTERN.test(file)) continue;
      const raw = await readJsonFile(path);
      // Removed since the folder was listed (a consumed link, an ended session).
      if (raw === null) continue;
      const document = decodeRecord(schema, raw, path);
      documents.documents.set(keyOf(document), document);
    }
    return documents;
  }

  get(key: string): z.output<S> | undefined {
    return this.documents.get(key);
  }

  /**
   * The document as the folder holds it now, read from its file (and the copy in memory brought up to date): for
   * documents another process may write too, such as an advisor and a sign-in link made by `npm run advisor:invite`.
   */
  async read(key: string): Promise<z.output<S> | undefined> {
    const path = this.fileOf(key);
    const document = await readJsonFile(path);
    if (document === null) {
      this.documents.delete(key);
      return undefined;
    }
    const decoded = decodeRecord(this.schema, document, path);
    this.documents.set(key, decoded);
    return decoded;
  }

  /** Every document the folder holds now (read again from the files, like read()). */
  async readAll(): Promise<z.output<S>[]> {
    const fresh = await FileDocuments.load(this.folder, this.schema, this.keyOf, this.what);
    this.documents.clear();
    for (const document of fresh.values()) this.documents.set(this.keyOf(document), document);
    return [...this.documents.values()];
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
    return join(this.folder, documentFileName(key));
  }
}

/** The name of a document's file in its folder: the SHA-256 of its key. */
export function documentFileName(key: string): string {
  return `${hash('sha256', key, 'hex')}.json`;
}

/**
 * Creates a folder of documents if needed and clears a crashed write's temporary files; returns the names of the
 * document files it holds.
 */
export async function prepareDocumentFolder(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const files = await readdir(folder);
  for (const file of files) if (TEMP_FILE_PATTERN.test(file)) await rm(join(folder, file), { force: true });
  return files.filter((file) => file.endsWith('.json') && !TEMP_FILE_PATTERN.test(file));
}
