import { outsideRequestBudget } from '../requestBudget';
import type { OutboundActivity } from '../channel/activity';
import type { CoachJob } from '../coachService';
import type { Logger } from '../logger';
import type { Identity } from '../records';
import type { TurnEngine, TurnResult } from '../turnEngine';

/** Like the Bot Framework's ShowTypingMiddleware: the first indicator after this long, then one per period. */
const TYPING_DELAY_MS = 500;
const TYPING_PERIOD_MS = 2000;

/** The conversation a committed turn's coach requests are answered in. */
export interface CoachDeliveryTarget {
  readonly identity: Identity;
  readonly organisationId: string;
  /** The turn that asked; each reply is applied under an id derived from it, so it is applied once. */
  readonly activityId: string;
  readonly logger: Logger;
  /** Sends into the conversation after the turn (Teams: proactively). */
  send(activities: readonly OutboundActivity[]): Promise<void>;
  /** The activities that show a reply turn's messages in this channel. */
  render(result: TurnResult): OutboundActivity[];
}

export interface CoachDeliveryOptions {
  readonly typingDelayMs?: number;
  readonly typingPeriodMs?: number;
}

/**
 * Runs the AI coach's requests after the turn that asked has been committed and answered: shows the typing indicator
 * while the service works, takes its reply (or the offline coach's, at the deadline) into the conversation with a turn
 * of its own, and sends what that turn says. Nothing about it is needed after a restart: a reply lost with the process
 * is asked again when the learner next writes (see machine/coaching.ts).
 */
export class CoachDelivery {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly engine: Pick<TurnEngine, 'handle'>,
    private readonly options: CoachDeliveryOptions = {},
  ) {}

  /**
   * Starts answering the jobs, one after another, and returns at once. The replies come after the request that asked
   * has been answered, so they are not bound by its store budget.
   */
  deliver(jobs: readonly CoachJob[], target: CoachDeliveryTarget): void {
    const delivery = outsideRequestBudget(async () => {
      for (const job of jobs) await this.deliverOne(job, target);
    }).finally(() => this.running.delete(delivery));
    this.running.add(delivery);
  }

  /** Resolves when every delivery started so far has finished (tests; a graceful stop). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async deliverOne(job: CoachJob, target: CoachDeliveryTarget): Promise<void> {
    const typing = this.showTyping(target);
    try {
      const reply = await job.run();
      const result = await this.engine.handle({
        identity: target.identity,
        organisationId: target.organisationId,
        activityId: `${target.activityId}#coach-${job.ask.requestId}`,
        event: { type: 'coach.replied', ask: job.ask, text: reply.text, source: reply.source },
        logger: target.logger,
      });
      await typing.stop();
      if (!result.duplicate && result.messages.length > 0) await target.send(target.render(result));
    } catch (error) {
      await typing.stop();
      target.logger.error({ err: error, kind: job.ask.kind }, 'coach reply not delivered');
    }
  }

  /** Typing indicators until `stop`, which resolves once the last one is out (so none arrives after the reply). */
  private showTyping(target: CoachDeliveryTarget): { stop(): Promise<void> } {
    let sending = Promise.resolve();
    const send = () => {
      sending = sending.then(() => target.send([{ type: 'typing' }])).catch(() => undefined);
    };
    let repeat: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      send();
      repeat = setInterval(send, this.options.typingPeriodMs ?? TYPING_PERIOD_MS);
    }, this.options.typingDelayMs ?? TYPING_DELAY_MS);
    return {
      stop: () => {
        clearTimeout(first);
        clearInterval(repeat);
        return sending;
      },
    };
  }
}
