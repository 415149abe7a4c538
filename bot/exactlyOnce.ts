import { outsideRequestBudget } from './requestBudget';
import type { Logger } from './logger';
import { StoreUnavailableError } from './ports/store';
import type { DeliveryKey, TurnResults } from './ports/turnResults';

export interface ExactlyOnceOptions {
  readonly results: TurnResults;
  readonly logger: Logger;
  /** How long a claim holds before a redelivery may take it over (its runner died). Default 2 minutes. */
  readonly leaseMs?: number;
  /** How long a redelivery waits for the answer of the same delivery running elsewhere. Default 20 s. */
  readonly waitMs?: number;
}

/** What a delivery answered, and whether this call only repeated an earlier answer. */
export interface DeliveryOutcome<T> {
  readonly value: T;
  readonly duplicate: boolean;
}

/** The same delivery is still running elsewhere after the wait; the caller should ask the client to retry. */
export class DeliveryStillRunningError extends Error {
  constructor() {
    super('the same delivery is still being handled');
    this.name = 'DeliveryStillRunningError';
  }
}

const FIRST_POLL_MS = 25;
const LONGEST_POLL_MS = 500;

/**
 * Runs each channel delivery once, however often and however concurrently it arrives: the first claims it in the
 * store and runs the turn; the others (here or on another instance) wait for its answer and get the same one. The
 * answer is what the channel edge responds with (status and body), so a duplicate's response is the original's.
 * Concurrent duplicates in this process share one promise instead of asking the store.
 *
 * When the store cannot be reached the turn runs without the guard (it would fail anyway, with an apology); the turn
 * engine's own record of recent activity ids still stops a redelivery that arrives soon after.
 */
export class ExactlyOnce {
  private readonly running = new Map<string, Promise<DeliveryOutcome<unknown>>>();
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: ExactlyOnceOptions) {
    this.leaseMs = options.leaseMs ?? 2 * 60 * 1000;
    this.waitMs = options.waitMs ?? 20_000;
  }

  /**
   * The delivery's answer: `turn()`'s result the first time, the stored one after that. An answer `keep` refuses (a
   * failure worth retrying) is not stored, and neither is a turn that throws: a redelivery runs again.
   * Without a key (the channel gave no id) the turn simply runs.
   */
  async run<T>(key: DeliveryKey | null, turn: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<DeliveryOutcome<T>> {
    if (!key) return { value: await turn(), duplicate: false };
    const id = JSON.stringify([key.channel, key.conversationId, key.activityId]);
    const inProcess = this.running.get(id) as Promise<DeliveryOutcome<T>> | undefined;
    if (inProcess) return { value: (await inProcess).value, duplicate: true };
    const outcome = this.claimAndRun(key, turn, keep);
    this.running.set(id, outcome);
    try {
      return await outcome;
    } finally {
      this.running.delete(id);
    }
  }

  private async claimAndRun<T>(key: DeliveryKey, turn: () => Promise<T>, keep: (value: T) => boolean): Promise<DeliveryOutcome<T>> {
    const { results, logger } = this.options;
    const deadline = Date.now() + this.waitMs;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
      let claim;
      try {
        claim = await results.claim(key, this.leaseMs);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        logger.warn({ err: error, channel: key.channel }, 'delivery record unavailable; running the turn without it');
        return { value: await turn(), duplicate: false };
      }
      if (claim.state === 'answered') return { value: claim.result as T, duplicate: true };
      if (claim.state === 'claimed') {
        let value: T;
        try {
          value = await turn();
        } catch (error) {
          // Not awaited: the failure is answered now (the store may be what failed), and a redelivery waits for the release.
          void outsideRequestBudget(() => results.release(key, claim.claimId)).catch((failure: unknown) =>
            logger.warn({ err: failure }, 'delivery claim not released'),
          );
          throw error;
        }
        // Recorded even when the turn used up the request's store budget: an unrecorded answer runs again when redelivered.
        const record = outsideRequestBudget(() => (keep(value) ? results.complete(key, claim.claimId, value) : results.release(key, claim.claimId)));
        await record.catch((failure: unknown) => logger.error({ err: failure, channel: key.channel }, 'delivery answered but not recorded'));
        return { value, duplicate: false };
      }
      if (Date.now() + pause > deadline) throw new DeliveryStillRunningError();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
