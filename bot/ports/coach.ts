import type { Locale, QuestionStep } from '../../curriculum/schema';

/** Everything a coach needs to give feedback on one free-text answer. */
export interface CoachRequest {
  readonly locale: Locale;
  readonly step: QuestionStep;
  readonly answer: string;
  readonly moduleTitle: string;
  readonly lessonTitle: string;
  readonly venture: { readonly name?: string; readonly description?: string };
}

/**
 * Gives feedback on a learner's free-text answer. Implementations: the offline coach (rubric-based,
 * deterministic, no network) and the OpenAI coach. A coach that fails or runs out of time is replaced
 * by the offline coach for that answer; the turn always completes.
 */
export interface Coach {
  /** Feedback text in the request's language, or null when there is nothing useful to say. */
  feedback(request: CoachRequest, signal: AbortSignal): Promise<string | null>;
}
