import type { OutgoingMessage } from '../../dialogs/outgoing';

/** A message the outbox sends: text with buttons (a note, with its reply button). */
export type ProactiveMessage = Extract<OutgoingMessage, { kind: 'choices' }>;
import type { Locale } from '../../curriculum/schema';

/** Why a send failed, as the outbox needs to know it: try again later, or give up with this reason. */
export interface SendFailure {
  readonly retryable: boolean;
  readonly reason: string;
  /** What the channel asked for (Retry-After), if anything. */
  readonly retryAfterMs?: number;
}

/**
 * A channel the outbox can send a message through outside a turn, with the conversation reference a turn stored for
 * it (progress.conversationReferences[channel]). The composition root makes one per channel from its edge and renderer.
 */
export interface ProactiveChannel {
  /**
   * Whether the learner can be reached through this reference now (the web: while the store keeps their Direct Line
   * conversation, which their page polls while it is open and resumes on their next visit).
   */
  canReach(reference: Readonly<Record<string, unknown>>): boolean | Promise<boolean>;
  send(reference: Readonly<Record<string, unknown>>, message: ProactiveMessage, locale: Locale): Promise<void>;
  /** What a failed send means (429 and 5xx are worth another try, most else is not). */
  failureOf(error: unknown): SendFailure;
}
