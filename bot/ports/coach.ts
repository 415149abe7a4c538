import type { Locale, RubricCriterion } from '../../curriculum/schema';
import type { CoachSource } from '../../dialogs/events';

/** The lesson a request is about, as the learner reads it. */
export interface CoachLesson {
  readonly moduleId: string;
  readonly lessonId: string;
  readonly moduleTitle: string;
  readonly lessonTitle: string;
  /** The lesson's teaching and example messages, in order. */
  readonly teaching: readonly string[];
}

/**
 * The learner's venture and what they have answered so far: the only things about the learner a coach is given. Never
 * the learner's name or contact details (names and e-mail addresses inside the learner's own text are masked too).
 */
export interface CoachLearnerContext {
  readonly ventureName?: string;
  readonly ventureLine?: string;
  /** Earlier free-text answers (most relevant first), each under the question it answers. */
  readonly earlierAnswers: readonly { readonly question: string; readonly answer: string }[];
}

/** A lesson found in the programme for a learner's question, best match first. */
export interface CoachPassage extends CoachLesson {
  /** Relative relevance, 0–1. */
  readonly score: number;
}

/** Who to contact at the learner's organisation, as a line the learner can read. */
export interface CoachAdvisor {
  readonly organisationName: string;
  readonly contact: string;
}

interface CoachRequestBase {
  readonly locale: Locale;
  readonly learner: CoachLearnerContext;
  /** The organisation (for token accounting and logs; never sent to the model). */
  readonly organisationId: string;
}

/** Feedback on one free-text answer, against the step's rubric and the lesson's teaching. */
export interface FeedbackRequest extends CoachRequestBase {
  readonly kind: 'feedback';
  readonly lesson: CoachLesson;
  readonly stepId: string;
  readonly prompt: string;
  readonly rubric: readonly RubricCriterion[];
  readonly answer: string;
}

/** The learner's one reply to the feedback they got on an answer. */
export interface FollowUpRequest extends Omit<FeedbackRequest, 'kind'> {
  readonly kind: 'followUp';
  readonly feedback: string;
  readonly followUp: string;
}

/** A question asked instead of an answer, with the lessons that match it best and whom to ask otherwise. */
export interface QuestionRequest extends CoachRequestBase {
  readonly kind: 'question';
  readonly question: string;
  readonly passages: readonly CoachPassage[];
  /** Where the learner asked it, if in a lesson. */
  readonly askedAt?: { readonly lessonTitle: string; readonly prompt?: string };
  readonly advisor: CoachAdvisor;
}

export type CoachRequest = FeedbackRequest | FollowUpRequest | QuestionRequest;

/** Tokens one model call used (as the service reports them). */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What a coach answers: the text the learner reads (labelled by the conversation) and who wrote it. */
export interface CoachReply {
  readonly text: string;
  readonly source: CoachSource;
  readonly usage?: TokenUsage;
  /** The model that wrote it, for the logs. */
  readonly model?: string;
}

/**
 * Gives feedback on a learner's free-text answer, replies to their follow-up, and answers their questions from the
 * programme's content. Implementations: the offline coach (rubric and full-text search, deterministic, no network)
 * and the OpenAI coach. A coach that fails or runs out of time is replaced by the offline coach for that request; the
 * learner always gets an answer.
 */
export interface Coach {
  /** Rejects when it cannot answer (the service failed, refused, or answered something that does not validate). */
  reply(request: CoachRequest, signal: AbortSignal): Promise<CoachReply>;
}
