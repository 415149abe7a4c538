import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { DEFAULT_TURN_RESULT_RETENTION_MS, type DeliveryClaim, type DeliveryKey, type TurnResults } from '../../../bot/ports/turnResults';
import { conversationHash, deliveryHash } from '../deliveryKeys';
import { KeyedMutex } from './keyedMutex';

export interface FileTurnResultsOptions {
  /** How long an answered delivery is remembered. Default 24 h. */
  readonly retentionMs?: number;
  readonly now?: () => number;
}

interface StoredAnswer {
  readonly expiresAt: string;
  /** The answer as JSON text. */
  readonly result: string;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * TurnResults in the file store's data folder: `turn-results/<conversation hash>/<delivery hash>.json` per answered
 * delivery. Claims live in process memory, since the file store serves one process (a restart leaves nothing running).
 * An answer is written by rename without fsync: a crash may lose the last answers recorded, and the turn engine's
 * record of recent activity ids still stops their redeliveries. Expired answers are swept hourly by file time.
 */
export class FileTurnResults implements TurnResults {
  private readonly claims = new Map<string, { claimId: string; leaseUntil: number }>();
  private readonly locks = new KeyedMutex();
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
    const id = deliveryHash(key);
    this.sweepIfDue();
    return this.locks.runExclusive(id, async () => {
      const answer = await this.readAnswer(key);
      if (answer) return { state: 'answered', result: JSON.parse(answer.result) as unknown };
      const current = this.claims.get(id);
      if (current && current.leaseUntil > this.now()) return { state: 'running' };
      const claimId = randomUUID();
      this.claims.set(id, { claimId, leaseUntil: this.now() + leaseMs });
      return { state: 'claimed', claimId };
    });
  }

  async complete(key: DeliveryKey, claimId: string, result: unknown): Promise<void> {
    const id = deliveryHash(key);
    await this.locks.runExclusive(id, async () => {
      if (this.claims.get(id)?.claimId !== claimId) return;
      const answer: StoredAnswer = { expiresAt: new Date(this.now() + this.retentionMs).toISOString(), result: JSON.stringify(result ?? null) };
      await guard('record a delivery', async () => {
        const path = this.answerFile(key);
        const temporary = `${path}.${randomUUID()}.tmp`;
        const write = () => writeFile(temporary, JSON.stringify(answer), { mode: 0o600 });
        // The conversation's folder exists after its first answer: made only when the write finds it missing.
        await write().catch(async (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
          await write();
        });
        await rename(temporary, path);
      });
      this.claims.delete(id);
    });
  }

  async release(key: DeliveryKey, claimId: string): Promise<void> {
    const id = deliveryHash(key);
    await this.locks.runExclusive(id, async () => {
      if (this.claims.get(id)?.claimId === claimId) this.claims.delete(id);
    });
  }

  async forgetConversation(channel: string, conversationId: string): Promise<void> {
    await guard('forget a conversation', () => rm(join(this.folder, conversationHash(channel, conversationId)), { recursive: true, force: true }));
  }

  private answerFile(key: DeliveryKey): string {
    return join(this.folder, conversationHash(key.channel, key.conversationId), `${deliveryHash(key)}.json`);
  }

  private async readAnswer(key: DeliveryKey): Promise<StoredAnswer | null> {
    const text = await readFile(this.answerFile(key), 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreUnavailableError(`could not read a delivery: ${(error as Error).message}`, { cause: error });
    });
    if (text === null) return null;
    let answer: Partial<StoredAnswer>;
    try {
      answer = JSON.parse(text) as Partial<StoredAnswer>;
    } catch {
      // A torn file from a crash during the write reads as no answer; the turn engine stops a repeated turn.
      return null;
    }
    if (typeof answer.result !== 'string' || typeof answer.expiresAt !== 'string') return null;
    return Date.parse(answer.expiresAt) > this.now() ? (answer as StoredAnswer) : null;
  }

  private sweepIfDue(): void {
    if (this.now() - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = this.now();
    void this.sweep().catch(() => undefined);
  }

  /** Removes answers older than the retention, and conversation folders left empty. */
  private async sweep(): Promise<void> {
    const oldest = this.now() - this.retentionMs;
    const conversations = await readdir(this.folder).catch(() => [] as string[]);
    for (const conversation of conversations) {
      const dir = join(this.folder, conversation);
      const files = await readdir(dir).catch(() => [] as string[]);
      let kept = 0;
      for (const file of files) {
        const path = join(dir, file);
        const info = await stat(path).catch(() => null);
        if (info && info.mtimeMs < oldest) await rm(path, { force: true });
        else kept += 1;
      }
      if (kept === 0) await rmdir(dir).catch(() => undefined);
    }
  }
}

async function guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw new StoreUnavailableError(`could not ${operation}: ${(error as Error).message}`, { cause: error });
  }
}
