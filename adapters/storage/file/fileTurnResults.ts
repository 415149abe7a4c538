import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { DEFAULT_TURN_RESULT_RETENTION_MS, type DeliveryClaim, type DeliveryKey, type TurnResults } from '../../../bot/ports/turnResults';
import { conversationHash, deliveryHash } from '../deliveryKeys';
import { AppendHandles } from './appendHandles';
import { atomicWriteFile } from './atomicWriteFile';
import { KeyedMutex } from './keyedMutex';

export interface FileTurnResultsOptions {
  /** How long an answered delivery is remembered. Default 24 h. */
  readonly retentionMs?: number;
  readonly now?: () => number;
}

/** One answered delivery: a line of its conversation's file. */
interface StoredAnswer {
  readonly delivery: string;
  readonly expiresAtMs: number;
  /** The answer as JSON text. */
  readonly result: string;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Answered deliveries of the conversations used lately whose ids (not answers) are held in memory. */
const HELD_DELIVERIES = 20_000;
/** Conversation files kept open for appending. */
const OPEN_CONVERSATION_FILES = 256;

/**
 * TurnResults in the file store's data folder: `turn-results/<conversation hash>.jsonl`, one line appended per
 * answered delivery, so that recording one costs an append rather than a new file. Which deliveries the conversations
 * used lately have answered is held in memory (bounded), so a claim reads the conversation's file once, and again only
 * for a redelivery's answer. Claims live in
 * process memory, since the file store serves one process (a restart leaves nothing running). Appends are not
 * fsynced: a crash of the machine may lose the last answers recorded (a torn last line is ignored), and the turn
 * engine's record of recent activity ids still stops their redeliveries. Expired answers are swept hourly: a file
 * last appended to before the retention is removed, and one that holds expired answers is rewritten without them.
 */
export class FileTurnResults implements TurnResults {
  private readonly claims = new Map<string, { claimId: string; leaseUntil: number }>();
  private readonly locks = new KeyedMutex();
  private readonly appends = new AppendHandles(OPEN_CONVERSATION_FILES);
  /** Conversation hash → its answered deliveries: delivery hash → when the answer expires. */
  private readonly held = new LRUCache<string, Map<string, number>>({
    maxSize: HELD_DELIVERIES,
    sizeCalculation: (answered) => Math.max(1, answered.size),
  });
  private readonly retentionMs: number;
  private readonly now: () => number;
  private lastSweepAt: number;

  constructor(
    private readonly folder: string,
    options: FileTurnResultsOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_TURN_RESULT_RETENTION_MS;
    this.now = options.now ?? Date.now;
    this.lastSweepAt = this.now();
  }

  async claim(key: DeliveryKey, leaseMs: number): Promise<DeliveryClaim> {
    const conversation = conversationHash(key.channel, key.conversationId);
    const id = deliveryHash(key);
    this.sweepIfDue();
    return this.locks.runExclusive(conversation, async () => {
      const expiresAtMs = (await this.answeredIn(conversation)).get(id);
      // The answer itself is read only for a redelivery, from the conversation's file.
      const answer = expiresAtMs !== undefined && expiresAtMs > this.now() ? (await this.readAnswers(conversation)).get(id) : undefined;
      if (answer) return { state: 'answered', result: JSON.parse(answer.result) as unknown };
      const current = this.claims.get(id);
      if (current && current.leaseUntil > this.now()) return { state: 'running' };
      const claimId = randomUUID();
      this.claims.set(id, { claimId, leaseUntil: this.now() + leaseMs });
      return { state: 'claimed', claimId };
    });
  }

  async complete(key: DeliveryKey, claimId: string, result: unknown): Promise<void> {
    const conversation = conversationHash(key.channel, key.conversationId);
    const id = deliveryHash(key);
    await this.locks.runExclusive(conversation, async () => {
      if (this.claims.get(id)?.claimId !== claimId) return;
      const answer: StoredAnswer = { delivery: id, expiresAtMs: this.now() + this.retentionMs, result: JSON.stringify(result ?? null) };
      await guard('record a delivery', async () => {
        const answered = await this.answeredIn(conversation);
        await this.append(conversation, `${JSON.stringify(answer)}\n`);
        answered.set(id, answer.expiresAtMs);
        this.held.set(conversation, answered);
      });
      this.claims.delete(id);
    });
  }

  async release(key: DeliveryKey, claimId: string): Promise<void> {
    const id = deliveryHash(key);
    await this.locks.runExclusive(conversationHash(key.channel, key.conversationId), async () => {
      if (this.claims.get(id)?.claimId === claimId) this.claims.delete(id);
    });
  }

  async forgetConversation(channel: string, conversationId: string): Promise<void> {
    const conversation = conversationHash(channel, conversationId);
    await this.locks.runExclusive(conversation, () =>
      guard('forget a conversation', async () => {
        this.held.delete(conversation);
        this.appends.release(this.fileOf(conversation));
        await rm(this.fileOf(conversation), { force: true });
        // Earlier releases kept a folder of files per conversation.
        await rm(join(this.folder, conversation), { recursive: true, force: true });
      }),
    );
  }

  private fileOf(conversation: string): string {
    return join(this.folder, `${conversation}.jsonl`);
  }

  /** The conversation's answered deliveries and when their answers expire: held, or read from its file. */
  private async answeredIn(conversation: string): Promise<Map<string, number>> {
    const held = this.held.get(conversation);
    if (held) return held;
    const answered = new Map(
      [...(await this.readAnswers(conversation, { cutTornTail: true })).values()].map((answer) => [answer.delivery, answer.expiresAtMs]),
    );
    this.held.set(conversation, answered);
    return answered;
  }

  /** Appends to the conversation's file (kept open while it is in use); the folder is made by the first answer. */
  private async append(conversation: string, line: string): Promise<void> {
    await this.appends.append(this.fileOf(conversation), line).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await this.appends.append(this.fileOf(conversation), line);
    });
  }

  /** Closes the files kept open for appending. */
  async close(): Promise<void> {
    await this.locks.idle();
    await this.appends.closeAll();
  }

  /**
   * The conversation's unexpired answers. `cutTornTail`: a last line torn by a crash is cut off the file, so that the
   * next append starts a line of its own (the first read of a conversation, before anything is appended to it).
   */
  private async readAnswers(conversation: string, { cutTornTail = false } = {}): Promise<Map<string, StoredAnswer>> {
    const file = this.fileOf(conversation);
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw new StoreUnavailableError(`could not read the answered deliveries: ${(error as Error).message}`, { cause: error });
    });
    if (cutTornTail && text !== '' && !text.endsWith('\n')) await truncate(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    const answers = new Map<string, StoredAnswer>();
    const now = this.now();
    for (const line of text.split('\n')) {
      const answer = parseAnswer(line);
      if (answer && answer.expiresAtMs > now) answers.set(answer.delivery, answer);
    }
    return answers;
  }

  private sweepIfDue(): void {
    if (this.now() - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = this.now();
    void this.sweep().catch(() => undefined);
  }

  /** Removes conversations answered last before the retention, and rewrites the others without their expired answers. */
  private async sweep(): Promise<void> {
    const oldest = this.now() - this.retentionMs;
    for (const name of await readdir(this.folder).catch(() => [] as string[])) {
      const path = join(this.folder, name);
      if (!name.endsWith('.jsonl')) {
        // A folder of one file per answer is the layout of earlier releases; its answers are not read any more.
        if ((await stat(path).catch(() => null))?.isDirectory()) await rm(path, { recursive: true, force: true });
        continue;
      }
      const conversation = name.slice(0, -'.jsonl'.length);
      // Under the conversation's lock, so an answer appended meanwhile is seen (its file time, its line).
      await this.locks.runExclusive(conversation, async () => {
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) return;
        if (info.mtimeMs < oldest) {
          this.held.delete(conversation);
          this.appends.release(path);
          await rm(path, { force: true });
          return;
        }
        const lines = (await readFile(path, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
        const live = lines.map(parseAnswer).filter((answer) => answer !== null && answer.expiresAtMs > this.now());
        if (live.length === lines.length) return;
        this.held.delete(conversation);
        this.appends.release(path);
        await atomicWriteFile(path, live.map((answer) => `${JSON.stringify(answer)}\n`).join(''));
      });
    }
  }
}

/** A line of a conversation's file, or null for one torn by a crash (or otherwise not an answer). */
function parseAnswer(line: string): StoredAnswer | null {
  if (line === '') return null;
  try {
    const value = JSON.parse(line) as Partial<StoredAnswer>;
    if (typeof value.delivery !== 'string' || typeof value.expiresAtMs !== 'number' || typeof value.result !== 'string') return null;
    return value as StoredAnswer;
  } catch {
    return null;
  }
}

async function guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw new StoreUnavailableError(`could not ${operation}: ${(error as Error).message}`, { cause: error });
  }
}
