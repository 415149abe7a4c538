import type { TokenUsage } from './coach';

/** What one organisation's learners have used of the AI service since the counter started. */
export interface CoachUsageTotals {
  readonly organisationId: string;
  /** Model calls that answered (feedback, follow-ups, questions). */
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Requests the offline coach answered instead: the service failed, was too slow, or the learner's limit was reached. */
  readonly fallbacks: number;
}

/**
 * Counts AI usage per organisation, for the advisor views. Every call is also logged with its tokens (log lines
 * `coach replied`), which stay the record when a counter is reset.
 */
export interface CoachUsageCounter {
  recordCall(organisationId: string, usage: TokenUsage | undefined): void;
  recordFallback(organisationId: string): void;
  /** The totals of one organisation (zeros when it has used nothing). */
  totals(organisationId: string): CoachUsageTotals;
  /** Every organisation that has used something. */
  all(): readonly CoachUsageTotals[];
}
