import type { Locale } from '../curriculum/schema';
import { say } from '../dialogs/catalogue';
import type { ConversationContext } from '../dialogs/conversationContext';
import { hashLinkCode, LINK_CODE_TTL_MS, LinkAttemptLimiter, newLinkCode } from './linkCodes';
import { MemoryRateCounters } from './memoryRateCounters';
import type { RateCounters } from './ports/rateCounters';
import type { Store } from './ports/store';
import { identityKey } from './records';
import type { TurnMessage, TurnRequest, TurnResult } from './turnEngine';

/**
 * Lets one learner use Teams and the web widget: a code shown in one channel, typed in the other, moves
 * the second channel's identity to the learner who asked for it. Codes are random, single-use, expire after
 * ten minutes, work only within the organisation they were issued in, and are stored only as hashes; failed attempts
 * are rate-limited per identity, counted in the store's rate counters (shared by every bot process).
 */
export class CrossChannelLinking {
  private readonly attempts: LinkAttemptLimiter;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    counters: RateCounters = new MemoryRateCounters(),
  ) {
    this.attempts = new LinkAttemptLimiter(counters);
  }

  /** A new code for this learner, as the message that shows it. */
  async issueCode(learnerId: string, organisationId: string, locale: Locale): Promise<TurnMessage> {
    const code = newLinkCode();
    const expiresAt = new Date(this.clock().getTime() + LINK_CODE_TTL_MS).toISOString();
    await this.store.saveLinkCode({ codeHash: hashLinkCode(code), learnerId, organisationId, expiresAt });
    return { kind: 'text', text: say(locale, 'linkCode', { code }) };
  }

  /**
   * A code typed in a second channel. On success the conversation resumes for the linked learner through
   * `resume` (a normal turn); a channel that already has its own progress is refused, not merged.
   */
  async redeem(request: TurnRequest, code: string, resume: (request: TurnRequest) => Promise<TurnResult>): Promise<TurnResult> {
    const current = await this.store.resolveLearner(request.identity, request.organisationId);
    const progress = await this.store.loadProgress(current.id);
    const context = (progress?.conversation as { snapshot?: { context?: ConversationContext } } | undefined)?.snapshot?.context;
    const locale = context?.locale ?? request.fallbackLocale ?? 'sv';
    const reply = (key: 'linkCodeInvalid' | 'linkRateLimited' | 'linkRefusedOwnProgress'): TurnResult => ({
      learnerId: current.id,
      locale,
      messages: [{ kind: 'text', text: say(locale, key) }],
      duplicate: false,
    });
    const attemptKey = identityKey(request.identity, request.organisationId);
    const now = this.clock();
    if (await this.attempts.isBlocked(attemptKey, now.getTime())) return reply('linkRateLimited');
    if (context?.profile.consented) return reply('linkRefusedOwnProgress');

    const targetId = await this.store.redeemLinkCode(hashLinkCode(code), request.organisationId, now);
    if (targetId === null) {
      await this.attempts.recordFailure(attemptKey, now.getTime());
      return reply('linkCodeInvalid');
    }
    if (targetId !== current.id) {
      await this.store.deleteLearner(current.id);
      await this.store.linkIdentity(targetId, request.identity);
    }
    const resumed = await resume({ ...request, event: { type: 'session.started' } });
    const target = await this.store.getLearner(targetId);
    const linked: TurnMessage = { kind: 'text', text: say(resumed.locale ?? locale, 'linked', { firstName: target?.displayName ?? '' }) };
    return { ...resumed, messages: [linked, ...resumed.messages] };
  }
}
