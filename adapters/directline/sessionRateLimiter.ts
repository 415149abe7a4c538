import type { IncomingMessage } from 'node:http';
import type { RateCounters } from '../../bot/ports/rateCounters';
import { addressGroup, clientAddressReader, type TrustProxy } from '../../bot/http/clientAddress';
import { WEB_CHAT_LIMITS } from './webChatLimits';

export interface SessionRateLimiterOptions {
  readonly counters: RateCounters;
  /** New learners (sessions without a valid resume key) allowed per client address per minute. */
  readonly newLearnersPerMinute: number;
  readonly trustProxy: TrustProxy;
  readonly now?: () => number;
}

const MINUTE = 60_000;

/**
 * Limits how often web-chat sessions and conversations start, so that a script cannot make the bot greet (and, once it
 * answers, store) learners without end, nor one learner's page flood the bot. Counted over a minute from the first
 * request, in the store's rate counters, so every bot process on a shared store counts together:
 *
 * - new learners per client address (behind a NAT, a school's hundred learners share one budget, so it is generous);
 * - a returning learner's resumes and conversation starts per learner, whatever address they come from: a learner with
 *   a valid resume key is never turned away because others at the same address used up the anonymous budget.
 *
 * Each method resolves with the seconds to wait when the limit is reached, else 0.
 */
export class SessionRateLimiter {
  private readonly clientAddress: (req: IncomingMessage) => string;
  private readonly now: () => number;

  constructor(private readonly options: SessionRateLimiterOptions) {
    this.clientAddress = clientAddressReader(options.trustProxy);
    this.now = options.now ?? Date.now;
  }

  async newLearner(req: IncomingMessage): Promise<number> {
    return this.take(`webchat-new:${addressGroup(this.clientAddress(req))}`, this.options.newLearnersPerMinute);
  }

  async resume(learnerKey: string): Promise<number> {
    return this.take(`webchat-resume:${learnerKey}`, WEB_CHAT_LIMITS.resumesPerLearnerPerMinute);
  }

  async conversationStart(learnerKey: string): Promise<number> {
    return this.take(`webchat-start:${learnerKey}`, WEB_CHAT_LIMITS.conversationStartsPerLearnerPerMinute);
  }

  private async take(key: string, limit: number): Promise<number> {
    const nowMs = this.now();
    const { count, resetsAt } = await this.options.counters.increment(key, MINUTE, nowMs);
    return count > limit ? Math.max(1, Math.ceil((resetsAt - nowMs) / 1000)) : 0;
  }
}
