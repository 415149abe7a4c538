import { hash } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { type WebSessionRecord, webSessionRecordSchema, type WebSessionStore } from '../../../bot/ports/webSessionStore';
import { validateRecord } from '../validateRecord';
import { atomicWriteFile } from './atomicWriteFile';
import { KeyedMutex } from './keyedMutex';
import { readJsonFile } from './readJsonFile';
import { syncDirectory } from './syncDirectory';

const SWEEP_EVERY_MS = 60 * 60 * 1000;
const SWEEP_MARGIN_MS = 60_000;

/**
 * Web-chat sessions in the embedded file store: one JSON file per learner key in `websessions/` (named by a hash of
 * the key), replaced atomically; compare-and-set under an in-process lock. A file's modification time is set to the
 * record's expiry, so an hourly sweep removes expired records by looking at the folder only.
 */
export class FileWebSessions implements WebSessionStore {
  private readonly locks = new KeyedMutex();
  private readonly sweeper: NodeJS.Timeout;

  private constructor(private readonly folder: string) {
    this.sweeper = setInterval(() => void this.sweep(Date.now()).catch(() => undefined), SWEEP_EVERY_MS).unref();
  }

  static async open(dataDir: string): Promise<FileWebSessions> {
    const folder = join(dataDir, 'websessions');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const sessions = new FileWebSessions(folder);
    await sessions.sweep(Date.now());
    return sessions;
  }

  async get(learnerKey: string, nowMs: number): Promise<WebSessionRecord | null> {
    return this.guard('read a web-chat session', () => this.read(learnerKey, nowMs));
  }

  async save(record: WebSessionRecord, expectedVersion: number | null, nowMs: number): Promise<'saved' | 'conflict'> {
    const checked = validateRecord(webSessionRecordSchema, record, 'web-chat session');
    if (checked.version !== (expectedVersion ?? 0) + 1)
      throw new TypeError(`a web-chat session saved over version ${expectedVersion} must have version ${(expectedVersion ?? 0) + 1}`);
    return this.guard('save a web-chat session', () =>
      this.locks.runExclusive(checked.learnerKey, async () => {
        const current = await this.read(checked.learnerKey, nowMs);
        if ((current?.version ?? null) !== expectedVersion) return 'conflict';
        const file = this.fileOf(checked.learnerKey);
        await atomicWriteFile(file, `${JSON.stringify(checked)}\n`);
        const expires = new Date(checked.expiresAt);
        await utimes(file, expires, expires);
        return 'saved';
      }),
    );
  }

  async delete(learnerKey: string): Promise<void> {
    await this.guard('delete a web-chat session', () =>
      this.locks.runExclusive(learnerKey, async () => {
        await rm(this.fileOf(learnerKey), { force: true });
        await syncDirectory(this.folder);
      }),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.locks.idle();
  }

  private async read(learnerKey: string, nowMs: number): Promise<WebSessionRecord | null> {
    const file = this.fileOf(learnerKey);
    const document = await readJsonFile(file);
    if (document === null) return null;
    const parsed = webSessionRecordSchema.safeParse(document);
    if (!parsed.success) throw new StoreUnavailableError(`${file} is not a web-chat session`);
    return parsed.data.expiresAt > nowMs ? parsed.data : null;
  }

  /** Removes expired records. A file written a moment ago still has its write time, not yet its expiry: it is left alone. */
  private async sweep(nowMs: number): Promise<void> {
    for (const name of await readdir(this.folder)) {
      const path = join(this.folder, name);
      const modified = await stat(path).then(
        (info) => info.mtimeMs,
        () => nowMs,
      );
      if (modified <= nowMs - SWEEP_MARGIN_MS) await rm(path, { force: true });
    }
  }

  private fileOf(learnerKey: string): string {
    return join(this.folder, `${hash('sha256', learnerKey, 'hex')}.json`);
  }

  private async guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof TypeError) throw error;
      throw new StoreUnavailableError(`file store could not ${operation}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
}
