import { outsideRequestBudget } from './requestBudget';
import type { Logger } from './logger';
import type { Store } from './ports/store';
import type { AnswerRecord, ProgressRecord } from './records';

/** Learners whose latest outbox this process has seen logged; a bound on memory, not learner state. */
const REMEMBERED_LEARNERS = 10_000;

/**
 * Moves a turn's answer records from the progress document, where they are committed with the turn (pendingAnswers),
 * to the append-only answer log. The log is appended right after the commit, while the reply goes out; if that never happened (the process died,
 * the database stopped answering, the commit's acknowledgement was lost), the next turn of the learner, a redelivered
 * activity or a read of the answers appends them, idempotently (the log refuses a second record of an activity).
 *
 * Which outboxes this process has logged is remembered (a bounded map), so a learner's next turn costs no extra
 * write; forgetting only costs one idempotent append.
 */
export class AnswerOutbox {
  private readonly logged = new Map<string, number>();
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /**
   * Makes sure the answers committed with this progress version are in the log, before a turn replaces the document
   * (and with it the outbox). Rejects when the store fails: the turn must not commit over an outbox not yet logged.
   */
  async settle(progress: ProgressRecord | null): Promise<void> {
    if (!progress?.pendingAnswers?.length || this.logged.get(progress.learnerId) === progress.version) return;
    for (const record of progress.pendingAnswers) await this.store.appendAnswer(record);
    this.remember(progress.learnerId, progress.version);
  }

  /**
   * Starts appending what a turn has just committed and returns at once; a failure is logged and left to settle(),
   * never lost. A store appends one learner's answers in order, so a later settle() or read finds them logged.
   */
  deliverInBackground(learnerId: string, version: number, records: readonly AnswerRecord[], logger: Logger = this.logger): void {
    if (records.length === 0) return;
    // It goes on after the reply, so the request's store budget does not cut it short.
    const delivery = outsideRequestBudget(() => this.deliver(learnerId, version, records, logger)).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  /** Resolves when every append started so far has ended (before the store closes). */
  async idle(): Promise<void> {
    await Promise.all([...this.deliveries]);
  }

  private async deliver(learnerId: string, version: number, records: readonly AnswerRecord[], logger: Logger): Promise<void> {
    try {
      for (const record of records) await this.store.appendAnswer(record);
      this.remember(learnerId, version);
    } catch (error) {
      logger.warn({ learnerId, err: error }, 'answer committed with the progress; the log will get it on the next turn or read');
    }
  }

  private remember(learnerId: string, version: number): void {
    this.logged.delete(learnerId);
    this.logged.set(learnerId, version);
    if (this.logged.size > REMEMBERED_LEARNERS) this.logged.delete(this.logged.keys().next().value!);
  }
}
