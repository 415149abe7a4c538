import { hash } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { atomicWriteFile } from './atomicWriteFile';
import { syncDirectory } from './syncDirectory';

export interface WriteAheadLogOptions {
  /** How long logged changes wait before they are applied to their files together. Default 1 s. */
  readonly checkpointDelayMs?: number;
  /** Log bytes after which a checkpoint starts at once. Default 16 MiB. */
  readonly checkpointBytes?: number;
  /** Where applied files' temporary copies are written (see atomicWriteFile). Default: beside each file. */
  readonly temporaryDir?: string;
}

/** The latest logged content of a file: its JSON text, or null once removed. */
type Logged = { readonly json: string | null };

interface Queued {
  readonly line: string;
  readonly path: string;
  readonly change: Logged;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const LOG_FILE = /^(\d+)\.jsonl$/;
/**
 * Files a checkpoint writes at once. Each write is an open, a write, an fdatasync, a rename and a folder fsync, and
 * the turns wait on the same disk and the same two cores for their own (the log's append and fdatasync, the answer
 * logs): with 16 at once, p99 was 76–88 ms; with 2 it was 44–60 ms, at the same throughput (200 learners,
 * 20 connections, /api/messages). Which of the two the turns waited for, the disk's flushes or the CPU, was not
 * measured apart.
 */
const APPLY_BATCH = 2;
/** The longest wait before a checkpoint that failed is tried again (the wait doubles from the usual delay). */
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * The file store's write-ahead log: a change to a document is durable once its line in the log is (one append and one
 * fdatasync, shared by every change that arrives meanwhile: a group commit), and is applied to the document's own
 * file later, at a checkpoint, with the latest change of each file only. So a turn costs a share of one fdatasync
 * instead of a temporary file, an fdatasync, a rename and a folder fsync per document, and a learner who answers
 * quickly has their documents written once a checkpoint rather than once a turn.
 *
 * Until a checkpoint has applied it, a change is read from memory (`read`), so readers never see a file older than
 * what was acknowledged. A checkpoint starts a new log file, applies every logged change (atomicWriteFile: fsynced),
 * and only then deletes the log files it covered. Opening the log replays what a crash left: the latest change of
 * each file, a torn last line (the crash came mid-append, before anyone was told) ignored.
 */
export class WriteAheadLog {
  private readonly pending = new Map<string, Logged>();
  private readonly queue: Queued[] = [];
  /** Every operation on the log file runs in order: appends, and the switch to a new file. */
  private tail: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private checkpointing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private bytesSinceCheckpoint = 0;
  private sealed: string[] = [];
  /** Set by close(), or when a failed append could not be cut back (the file would join the next line to it). */
  private refusal: Error | undefined;
  private closing: Promise<void> | undefined;
  private lastFailure: Error | undefined;
  private failedCheckpoints = 0;

  private constructor(
    private readonly dataDir: string,
    private readonly folder: string,
    private handle: FileHandle,
    private activeFile: string,
    private generation: number,
    /** The length of the active file's complete lines: a failed append is cut back to it. */
    private goodLength: number,
    private readonly options: WriteAheadLogOptions,
  ) {}

  /** Opens the log of `dataDir` (folder `wal/`), first applying whatever an earlier process logged and did not apply. */
  static async open(dataDir: string, options: WriteAheadLogOptions = {}): Promise<WriteAheadLog> {
    const folder = join(dataDir, WAL_FOLDER);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const { files, latest } = await readLogFolder(dataDir);
    const failed = await applyAll(latest, options.temporaryDir);
    if (failed.size > 0) throw applyFailure(failed, latest.size);
    for (const file of files) await rm(join(folder, file.name), { force: true });
    const generation = (files.at(-1)?.generation ?? 0) + 1;
    const activeFile = join(folder, `${generation}.jsonl`);
    const handle = await open(activeFile, 'a', 0o600);
    await syncDirectory(folder);
    return new WriteAheadLog(dataDir, folder, handle, activeFile, generation, 0, options);
  }

  /** Logs the file's new content (JSON text on one line, as JSON.stringify gives it); resolves once it is durable. */
  write(path: string, json: string): Promise<void> {
    if (json.includes('\n')) return Promise.reject(new TypeError(`a logged document must be one line of JSON (${path})`));
    return this.log(path, { json }, (name) => `{"path":${name},"json":${json}}\n`);
  }

  /** Logs the file's removal; resolves once it is durable. Reads give null from then on. */
  remove(path: string): Promise<void> {
    return this.log(path, { json: null }, (name) => `{"path":${name},"removed":true}\n`);
  }

  /** The file's content as logged and not yet applied: its JSON text, null if removed, undefined if its file is current. */
  read(path: string): string | null | undefined {
    return this.pending.get(path)?.json;
  }

  /** The files directly in `folder` with a change logged and not yet applied: path → JSON text, or null if removed. */
  pendingIn(folder: string): Map<string, string | null> {
    const changes = new Map<string, string | null>();
    for (const [path, change] of this.pending) if (dirname(path) === folder) changes.set(path, change.json);
    return changes;
  }

  /**
   * Applies every change logged so far to its file and deletes the log files that held them: after it, nothing of a
   * removed document is left in the log either ("delete my data").
   */
  checkpoint(): Promise<void> {
    const next = this.checkpointing
      .then(() => this.runCheckpoint())
      .then(
        () => {
          this.lastFailure = undefined;
          this.failedCheckpoints = 0;
        },
        (error: unknown) => {
          this.lastFailure = error instanceof Error ? error : new Error(String(error));
          this.failedCheckpoints += 1;
          // Tried again on its own, later each time, whether or not more changes come.
          this.scheduleCheckpoint();
          throw error;
        },
      );
    this.checkpointing = next.catch(() => undefined);
    return next;
  }

  /**
   * Why the log cannot take or apply changes now, if it cannot: its last checkpoint failed (the changes stay in the log
   * and in memory, and the next checkpoint tries again), or an append could not be cut back.
   */
  get problem(): string | undefined {
    if (this.refusal && !this.closing) return this.refusal.message;
    return this.lastFailure ? `changes could not be written to their files: ${this.lastFailure.message}` : undefined;
  }

  /** Refuses later writes, applies what is logged and closes the log file. */
  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.refusal = new Error('the write-ahead log is closed');
    clearTimeout(this.timer);
    await this.tail;
    try {
      await this.checkpoint();
    } finally {
      await this.handle.close();
    }
    await rm(this.activeFile, { force: true });
  }

  private log(path: string, change: Logged, lineNaming: (name: string) => string): Promise<void> {
    if (this.refusal) return Promise.reject(this.refusal);
    const inside = relative(this.dataDir, path);
    if (inside.startsWith('..') || isAbsolute(inside)) return Promise.reject(new Error(`${path} is outside the data folder ${this.dataDir}`));
    const line = lineNaming(JSON.stringify(inside.split(sep).join('/')));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, path, change, resolve, reject });
      if (this.flushQueued) return;
      this.flushQueued = true;
      this.tail = this.tail.then(() => this.flush());
    });
  }

  /** Appends every change queued since the last append in one write and one fdatasync (group commit). */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.queue.splice(0);
    const text = withBatchMark(batch.map((queued) => queued.line).join(''), batch.length);
    try {
      await this.handle.write(text);
      await this.handle.datasync();
      // Appends to a log whose folder was deleted would succeed, into a file no one can read again.
      if ((await this.handle.stat()).nlink === 0) {
        this.refusal = new Error(`the write-ahead log ${this.activeFile} has been removed`);
        throw this.refusal;
      }
    } catch (error) {
      // A partial append would join the next line; cut the file back to its last complete line.
      await this.handle.truncate(this.goodLength).catch((cut: unknown) => {
        this.refusal = new Error(`the write-ahead log could not be cut back after a failed append: ${String(cut)}`);
      });
      for (const queued of batch) queued.reject(error);
      return;
    }
    this.goodLength += Buffer.byteLength(text);
    this.bytesSinceCheckpoint += Buffer.byteLength(text);
    for (const queued of batch) {
      this.pending.set(queued.path, queued.change);
      queued.resolve();
    }
    this.scheduleCheckpoint();
  }

  private scheduleCheckpoint(): void {
    // Closing ends with a checkpoint of its own.
    if (this.closing) return;
    // After a failure only the timer retries, however much is logged meanwhile.
    if (this.failedCheckpoints === 0 && this.bytesSinceCheckpoint >= (this.options.checkpointBytes ?? 16 * 1024 * 1024)) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.checkpoint().catch(() => undefined);
      return;
    }
    const delay = this.options.checkpointDelayMs ?? 1000;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        // A failed checkpoint leaves the log in place: the changes stay readable and durable, and the next one retries.
        void this.checkpoint().catch(() => undefined);
      },
      this.failedCheckpoints === 0 ? delay : Math.min(MAX_RETRY_DELAY_MS, delay * 2 ** this.failedCheckpoints),
    ).unref();
  }

  private async runCheckpoint(): Promise<void> {
    if (this.pending.size === 0 && this.goodLength === 0 && this.sealed.length === 0) return;
    // New changes go to a new log file from here on; the ones before are in the files sealed now.
    await this.run(() => this.startNewFile());
    const applied = new Map(this.pending);
    const failed = await applyAll(applied, this.options.temporaryDir);
    for (const [path, change] of applied) if (!failed.has(path) && this.pending.get(path) === change) this.pending.delete(path);
    // The sealed log files still hold what could not be applied (the rest again, harmlessly) until a checkpoint can.
    if (failed.size > 0) throw applyFailure(failed, applied.size);
    for (const file of this.sealed.splice(0)) await rm(file, { force: true });
    await syncDirectory(this.folder);
  }

  private async startNewFile(): Promise<void> {
    this.generation += 1;
    const file = join(this.folder, `${this.generation}.jsonl`);
    const handle = await open(file, 'a', 0o600);
    await syncDirectory(this.folder);
    await this.handle.close();
    this.sealed.push(this.activeFile);
    this.handle = handle;
    this.activeFile = file;
    this.goodLength = 0;
    this.bytesSinceCheckpoint = 0;
  }

  private run(operation: () => Promise<void>): Promise<void> {
    const done = this.tail.then(operation);
    this.tail = done.catch(() => undefined);
    return done;
  }
}

/** The folder of a data folder that holds its write-ahead log. */
export const WAL_FOLDER = 'wal';

/**
 * What the log files of `dataDir` hold and its files may not yet: the latest logged change of each file (JSON text, or
 * null once removed), keyed by path. What opening the log would apply; tests read it to see what a restart would find.
 */
export async function loggedChanges(dataDir: string): Promise<ReadonlyMap<string, string | null>> {
  const { latest } = await readLogFolder(dataDir);
  return new Map([...latest].map(([path, change]) => [path, change.json]));
}

async function readLogFolder(dataDir: string): Promise<{ files: { name: string; generation: number }[]; latest: Map<string, Logged> }> {
  const folder = join(dataDir, WAL_FOLDER);
  const files = (await readdir(folder).catch(() => [] as string[]))
    .map((name) => ({ name, generation: Number(LOG_FILE.exec(name)?.[1] ?? NaN) }))
    .filter((file) => Number.isSafeInteger(file.generation))
    .sort((a, b) => a.generation - b.generation);
  const latest = new Map<string, Logged>();
  for (const file of files) {
    for (const entry of parseLog(await readFile(join(folder, file.name), 'utf8'), join(folder, file.name))) {
      latest.set(resolveInside(dataDir, entry.path), { json: entry.json });
    }
  }
  return { files, latest };
}

/** A batch's lines, then the line that marks them complete: how many, and a hash of exactly their text. */
function withBatchMark(lines: string, count: number): string {
  return `${lines}{"batch":"${batchHash(lines)}","lines":${count}}\n`;
}

function batchHash(lines: string): string {
  return hash('sha256', lines, 'hex').slice(0, 32);
}

type LogLine = { readonly entry: { path: string; json: string | null } } | { readonly batch: string; readonly lines: number };

/**
 * The entries of a log file: those of every batch whose mark matches its lines. What follows the last mark is a batch
 * a crash cut off before its fdatasync returned (no one was told it was saved), torn or whole, and is ignored. A
 * damaged batch with a good one after it is different: the later batch was written only once the damaged one was
 * durable and acknowledged, so the disk (or an edit) changed it, and replaying past it or stopping at it would drop
 * acknowledged changes without a word. The log is refused then, naming the file and line. (A file without marks, from
 * the release before them, is read up to its first line that does not parse.)
 */
function parseLog(text: string, file: string): { path: string; json: string | null }[] {
  const lines = text.split('\n');
  lines.pop();
  const parsed = lines.map(parseLine);
  if (!parsed.some((line) => line && 'batch' in line)) {
    const torn = parsed.findIndex((line) => line === null);
    return parsed.slice(0, torn === -1 ? undefined : torn).flatMap((line) => (line && 'entry' in line ? [line.entry] : []));
  }
  const entries: { path: string; json: string | null }[] = [];
  let batchStart = 0;
  let damagedAt: number | undefined;
  for (const [index, line] of parsed.entries()) {
    if (!line || !('batch' in line)) continue;
    const body = parsed.slice(batchStart, index).flatMap((bodyLine) => (bodyLine && 'entry' in bodyLine ? [bodyLine.entry] : []));
    const whole = body.length === line.lines && batchHash(`${lines.slice(batchStart, index).join('\n')}\n`) === line.batch;
    if (whole && damagedAt !== undefined) {
      throw new Error(
        `the write-ahead log ${file} is damaged at line ${damagedAt + 1}, with saved changes after it; the bot will not start on it. ` +
          `Restore the data folder from a back-up, or keep the file's first ${damagedAt} lines only to start without the changes after them.`,
      );
    }
    if (whole) entries.push(...body);
    else damagedAt ??= firstBadLine(parsed, batchStart, index);
    batchStart = index + 1;
  }
  return entries;
}

/** The first line of a damaged batch that does not parse (or its first line, if all parse and the hash differs). */
function firstBadLine(parsed: readonly (LogLine | null)[], start: number, end: number): number {
  const bad = parsed.slice(start, end).findIndex((line) => line === null);
  return start + Math.max(0, bad);
}

function parseLine(line: string): LogLine | null {
  let parsed: { path?: unknown; json?: unknown; removed?: unknown; batch?: unknown; lines?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed?.batch === 'string' && typeof parsed.lines === 'number') return { batch: parsed.batch, lines: parsed.lines };
  if (typeof parsed?.path !== 'string') return null;
  return { entry: { path: parsed.path, json: parsed.removed === true ? null : JSON.stringify(parsed.json) } };
}

/** A logged path as a path inside the data folder; a log that names anything outside it is refused. */
function resolveInside(dataDir: string, logged: string): string {
  const path = normalize(join(dataDir, logged));
  if (!path.startsWith(normalize(dataDir) + sep)) throw new Error(`the write-ahead log names ${logged}, outside the data folder`);
  return path;
}

/**
 * Writes (or removes) each file durably, a few at a time; returns the changes that failed, with why. One that fails
 * (its folder replaced by a file, say) does not hold back the others.
 */
async function applyAll(changes: ReadonlyMap<string, Logged>, temporaryDir: string | undefined): Promise<Map<string, unknown>> {
  const failed = new Map<string, unknown>();
  const all = [...changes];
  for (let start = 0; start < all.length; start += APPLY_BATCH) {
    await Promise.all(
      all.slice(start, start + APPLY_BATCH).map(([path, { json }]) =>
        applyOne(path, json, temporaryDir).catch((error: unknown) => {
          failed.set(path, error);
        }),
      ),
    );
  }
  return failed;
}

async function applyOne(path: string, json: string | null, temporaryDir: string | undefined): Promise<void> {
  if (json === null) {
    await rm(path, { force: true });
    // A folder removed with everything in it has nothing left to sync.
    await syncDirectory(dirname(path)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    return;
  }
  // The folder may have been removed meanwhile (by hand, or with everything in it).
  await atomicWriteFile(path, `${json}\n`, temporaryDir).catch(async (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await atomicWriteFile(path, `${json}\n`, temporaryDir);
  });
}

function applyFailure(failed: ReadonlyMap<string, unknown>, of: number): Error {
  const [path, cause] = [...failed][0]!;
  const why = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${failed.size} of ${of} could not be written; ${path}: ${why}`, { cause });
}
