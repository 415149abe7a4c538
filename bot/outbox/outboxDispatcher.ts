import { randomUUID } from 'node:crypto';
import type { ClaimedDelivery, Outbox } from '../ports/outbox';
import type { NotesStore } from '../ports/notesStore';
import type { Store } from '../ports/store';
import type { Logger } from '../logger';
import type { OrganisationDirectory } from '../organisations/organisationDirectory';
import type { OrganisationProgrammes } from '../organisations/organisationProgrammes';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './backoff';
import { noteMessage } from './noteMessage';
import type { ProactiveChannel } from './proactiveChannel';

export interface OutboxDispatcherOptions {
  readonly outbox: Outbox;
  readonly notes: Pick<NotesStore, 'getNote'>;
  readonly store: Pick<Store, 'getLearner' | 'loadProgress'>;
  readonly organisations: OrganisationDirectory;
  readonly programmes: Pick<OrganisationProgrammes, 'for'>;
  /** By the key of progress.conversationReferences ('webchat', 'msteams'); tried in this order. */
  readonly channels: ReadonlyMap<string, ProactiveChannel>;
  readonly logger: Logger;
  /** How often to look for due deliveries (default 1000 ms). */
  readonly pollMs?: number;
  /** How long a claim is held (default 30 s): a dispatcher that dies frees its claims after this. */
  readonly leaseMs?: number;
  readonly clock?: () => Date;
  /** This dispatcher's name on its claims (default a random id per process). */
  readonly owner?: string;
}

const BATCH = 10;

/**
 * Sends what the outbox holds. Any number of bot instances may run one: each claims due deliveries with a lease, checks
 * it still holds the lease right before sending, sends through the learner's channel (the open web conversation first,
 * else Teams), and settles the delivery: delivered, retried later with back-off (429, 5xx), failed with a reason, or
 * waiting for the learner's next visit (a web-only learner whose page is closed).
 */
export class OutboxDispatcher {
  private readonly owner: string;
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.owner = options.owner ?? `dispatcher-${randomUUID()}`;
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Looks for due deliveries now (after a note is written, or a learner opened a conversation). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'outbox: dispatching failed; trying again at the next poll'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops polling and waits for the sends in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: claims due deliveries and settles each. Resolves when they are settled (tests call it directly). */
  async runOnce(): Promise<number> {
    const claimed = await this.options.outbox.claimDue(this.owner, this.clock(), this.options.leaseMs ?? 30_000, BATCH);
    for (const delivery of claimed) await this.deliver(delivery);
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const { outbox, notes, store, logger } = this.options;
    const log = logger.child({ deliveryId: delivery.id, learnerId: delivery.learnerId });
    const [note, learner, progress] = await Promise.all([
      notes.getNote(delivery.organisationId, delivery.noteId),
      store.getLearner(delivery.learnerId),
      store.loadProgress(delivery.learnerId),
    ]);
    if (!note || !learner || learner.organisationId !== delivery.organisationId) {
      await outbox.markFailed(delivery.id, this.owner, 'the learner or the note no longer exists');
      return;
    }
    if (learner.sharesWithAdvisors !== true) {
      await outbox.markFailed(delivery.id, this.owner, 'the learner no longer shares their progress with advisors');
      return;
    }
    const references = progress?.conversationReferences ?? {};
    let route: [string, ProactiveChannel] | undefined;
    for (const [key, channel] of this.options.channels) {
      const reference = references[key];
      if (reference && (await channel.canReach(reference))) {
        route = [key, channel];
        break;
      }
    }
    if (!route) {
      await outbox.markWaitingForVisit(delivery.id, this.owner, 'no open conversation; sent at the learner’s next visit');
      return;
    }
    const [channelKey, channel] = route;
    if (!(await outbox.holdsLease(delivery.id, this.owner, this.clock()))) return;
    const organisation = this.options.organisations.get(delivery.organisationId) ?? this.options.organisations.fallback;
    const locale = learner.locale ?? organisation.defaultLanguage;
    const message = noteMessage(note, organisation, this.options.programmes.for(organisation.id).index, locale);
    try {
      await channel.send(references[channelKey]!, message, locale);
    } catch (error) {
      const failure = channel.failureOf(error);
      const attempts = delivery.attempts + 1;
      if (failure.retryable && attempts < MAX_DELIVERY_ATTEMPTS) {
        const next = new Date(this.clock().getTime() + retryDelayMs(attempts, failure.retryAfterMs));
        log.info({ channel: channelKey, reason: failure.reason, next }, 'outbox: send failed; will try again');
        await outbox.markRetry(delivery.id, this.owner, next, failure.reason);
      } else {
        log.warn({ channel: channelKey, reason: failure.reason, attempts }, 'outbox: delivery failed');
        await outbox.markFailed(delivery.id, this.owner, failure.reason);
      }
      return;
    }
    if (!(await outbox.markDelivered(delivery.id, this.owner, channelKey, this.clock()))) {
      log.warn('outbox: sent, but the lease had passed to another dispatcher before it was settled');
    }
  }
}
