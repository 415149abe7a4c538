import { hash } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationStreamStore, StreamBudget, StreamEntry, StreamPage } from '../../../bot/ports/conversationStreamStore';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { AppendHandles } from './appendHandles';
import { atomicWriteFile, TEMP_FILE_PATTERN } from './atomicWriteFile';
import { JsonLinesFile } from './jsonLinesFile';
import { KeyedMutex } from './keyedMutex';

export interface FileConversationStreamsOptions extends StreamBudget {
  /** Bytes of streams held in memory at once, over all conversations; the least recently used go first. */
  readonly cacheBytes: number;
}

/** An entry as held in memory: its activity as the JSON text it is stored as, parsed only when it is read. */
interface HeldEntry {
  readonly seq: number;
  readonly timestampMs: number;
  readonly json: string;
}

interface HeldStream {
  entries: HeldEntry[];
  /** Bytes of each entry's line, parallel to `entries`. */
  sizes: number[];
  bytes: number;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Stream files kept open for appending: the conversations answering now, well below a process's file limit. */
const OPEN_STREAM_FILES = 256;

/** The line of an entry in its stream's file: `{"seq":…,"timestampMs":…,"activity":{…}}`. */
function lineOf(entry: HeldEntry): string {
  return `{"seq":${entry.seq},"timestampMs":${entry.timestampMs},"activity":${entry.json}}\n`;
}

/**
 * The conversation streams of the embedded file store: one JSON Lines file per conversation in `streams/` (the name is
 * a hash of the conversation id), with the streams in use held in memory (as their JSON text) up to a byte budget, so
 * that a poll with nothing new reads no file and parses nothing. For one process, like the rest of the file store.
 *
 * Appends are not fsynced: the stream is the on-screen transcript, and a process that is killed loses nothing the
 * kernel has been given. The files of the streams appended to lately stay open (AppendHandles), so an append is one
 * write. A line torn by a crash of the machine is ignored and the file rewritten on the next read.
 */
export class FileConversationStreams implements ConversationStreamStore {
  private readonly locks = new KeyedMutex();
  /** Map order is least recently used first. */
  private readonly held = new Map<string, HeldStream>();
  private heldBytes = 0;
  private readonly sweeper: NodeJS.Timeout;
  /** The files of the streams appended to lately, kept open. */
  private readonly appends = new AppendHandles(OPEN_STREAM_FILES);

  private constructor(
    private readonly folder: string,
    private readonly options: FileConversationStreamsOptions,
  ) {
    this.sweeper = setInterval(() => void this.sweep(Date.now()).catch(() => undefined), SWEEP_EVERY_MS).unref();
  }

  static async open(dataDir: string, options: FileConversationStreamsOptions): Promise<FileConversationStreams> {
    const folder = join(dataDir, 'streams');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const streams = new FileConversationStreams(folder, options);
    await streams.sweep(Date.now());
    return streams;
  }

  async append(conversationId: string, activities: readonly Readonly<Record<string, unknown>>[], nowMs: number): Promise<StreamEntry[]> {
    return this.guard('append to a conversation stream', () =>
      this.locks.runExclusive(conversationId, async () => {
        const stream = await this.load(conversationId, nowMs);
        const added: StreamEntry[] = [];
        const held: HeldEntry[] = [];
        for (const activity of activities) {
          const last = held.at(-1) ?? stream.entries.at(-1);
          const entry: HeldEntry = {
            seq: last ? last.seq + 1 : nowMs,
            timestampMs: Math.max(nowMs, (last?.timestampMs ?? 0) + 1),
            json: JSON.stringify(activity),
          };
          held.push(entry);
          added.push({ seq: entry.seq, timestampMs: entry.timestampMs, activity });
        }
        const lines = held.map(lineOf);
        // Readers see the new entries only once they are in the file.
        const next = { entries: [...stream.entries], sizes: [...stream.sizes], bytes: stream.bytes };
        for (const [at, entry] of held.entries()) this.push(next, entry, Buffer.byteLength(lines[at]!));
        if (this.trim(next)) await this.rewrite(conversationId, next);
        else await this.appendLines(conversationId, lines);
        this.hold(conversationId, next);
        return added;
      }),
    );
  }

  async read(conversationId: string, afterSeq: number | undefined, nowMs: number, maxBytes: number): Promise<StreamPage> {
    return this.guard('read a conversation stream', async () => {
      const held = this.held.get(conversationId);
      if (held) this.hold(conversationId, held);
      const stream = held ?? (await this.locks.runExclusive(conversationId, () => this.load(conversationId, nowMs)));
      const entries: StreamEntry[] = [];
      let bytes = 0;
      for (const [at, entry] of stream.entries.entries()) {
        if (afterSeq !== undefined && entry.seq <= afterSeq) continue;
        if (entry.timestampMs + this.options.ttlMs <= nowMs) continue;
        const size = stream.sizes[at]!;
        if (entries.length > 0 && bytes + size > maxBytes) return { entries, more: true };
        entries.push({ seq: entry.seq, timestampMs: entry.timestampMs, activity: JSON.parse(entry.json) as Record<string, unknown> });
        bytes += size;
      }
      return { entries, more: false };
    });
  }

  async exists(conversationId: string, nowMs: number): Promise<boolean> {
    const page = await this.read(conversationId, undefined, nowMs, 1);
    return page.entries.length > 0;
  }

  async delete(conversationId: string): Promise<void> {
    await this.guard('delete a conversation stream', () =>
      this.locks.runExclusive(conversationId, async () => {
        this.forget(conversationId);
        this.appends.release(this.fileOf(conversationId));
        await rm(this.fileOf(conversationId), { force: true });
      }),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.locks.idle();
    await this.appends.closeAll();
  }

  /**
   * The stream from memory or its file, without the entries whose time is up, held as the most recently used. Runs
   * under the conversation's lock.
   */
  private async load(conversationId: string, nowMs: number): Promise<HeldStream> {
    const stream = this.held.get(conversationId) ?? (await this.readFile(conversationId));
    const firstLive = stream.entries.findIndex((entry) => entry.timestampMs + this.options.ttlMs > nowMs);
    const expired = firstLive === -1 ? stream.entries.length : firstLive;
    if (expired === 0) {
      this.hold(conversationId, stream);
      return stream;
    }
    const live: HeldStream = { entries: stream.entries.slice(expired), sizes: stream.sizes.slice(expired), bytes: 0 };
    live.bytes = live.sizes.reduce((sum, size) => sum + size, 0);
    await this.rewrite(conversationId, live);
    this.hold(conversationId, live);
    return live;
  }

  private async readFile(conversationId: string): Promise<HeldStream> {
    const content = await new JsonLinesFile(this.fileOf(conversationId)).read();
    const stream: HeldStream = { entries: [], sizes: [], bytes: 0 };
    for (const value of content.values) {
      const { seq, timestampMs, activity } = value as StreamEntry;
      const entry = { seq, timestampMs, json: JSON.stringify(activity) };
      this.push(stream, entry, Buffer.byteLength(lineOf(entry)));
    }
    if (content.hasTornTail) await this.rewrite(conversationId, stream);
    return stream;
  }

  private push(stream: HeldStream, entry: HeldEntry, size: number): void {
    stream.entries.push(entry);
    stream.sizes.push(size);
    stream.bytes += size;
  }

  /** Drops the oldest entries beyond the budget (always keeping the newest); true when any went. */
  private trim(stream: HeldStream): boolean {
    let drop = 0;
    let bytes = stream.bytes;
    while (
      drop < stream.entries.length - 1 &&
      (bytes > this.options.bytesPerConversation || stream.entries.length - drop > this.options.activitiesPerConversation)
    ) {
      bytes -= stream.sizes[drop]!;
      drop += 1;
    }
    if (drop === 0) return false;
    stream.entries.splice(0, drop);
    stream.sizes.splice(0, drop);
    stream.bytes = bytes;
    return true;
  }

  private async appendLines(conversationId: string, lines: readonly string[]): Promise<void> {
    await this.appends.append(this.fileOf(conversationId), lines.join(''));
  }

  private async rewrite(conversationId: string, stream: HeldStream): Promise<void> {
    this.appends.release(this.fileOf(conversationId));
    if (stream.entries.length === 0) {
      await rm(this.fileOf(conversationId), { force: true });
      return;
    }
    await atomicWriteFile(this.fileOf(conversationId), stream.entries.map(lineOf).join(''));
  }

  /** Holds the stream as the most recently used, then lets the least recently used go until the budget holds. */
  private hold(conversationId: string, stream: HeldStream): void {
    this.forget(conversationId);
    this.held.set(conversationId, stream);
    this.heldBytes += stream.bytes;
    for (const [id, oldest] of this.held) {
      if (this.heldBytes <= this.options.cacheBytes || id === conversationId) break;
      this.held.delete(id);
      this.heldBytes -= oldest.bytes;
    }
  }

  private forget(conversationId: string): void {
    const held = this.held.get(conversationId);
    if (!held) return;
    this.held.delete(conversationId);
    this.heldBytes -= held.bytes;
  }

  /** Removes the files of conversations nobody has written to for longer than the time to live. */
  private async sweep(nowMs: number): Promise<void> {
    for (const name of await readdir(this.folder)) {
      const path = join(this.folder, name);
      if (TEMP_FILE_PATTERN.test(name)) {
        await rm(path, { force: true });
        continue;
      }
      this.appends.release(path);
      const modified = await stat(path).then(
        (info) => info.mtimeMs,
        () => nowMs,
      );
      // Everything in such a file has expired; a stream still held in memory drops it on its next read.
      if (modified + this.options.ttlMs <= nowMs) await rm(path, { force: true });
    }
  }

  private fileOf(conversationId: string): string {
    return join(this.folder, `${hash('sha256', conversationId, 'hex')}.jsonl`);
  }

  private async guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`file store could not ${operation}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }
}
