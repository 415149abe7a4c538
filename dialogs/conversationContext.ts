import type { Locale } from '../curriculum/schema';

/** Where a learner is inside a lesson. Steps are addressed by id, so content can be reordered without losing anyone. */
export interface LessonPosition {
  readonly moduleId: string;
  readonly lessonId: string;
  readonly stepId: string;
}

/** What the learner answered at one step (the latest answer wins; every answer is also in the answer log). */
export type StepAnswer =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** The coach request asking for feedback on it; a reply to another request is not applied. */
      readonly coachRequestId?: number;
      /** The coach's feedback, once it came. */
      readonly feedback?: string;
      /** Appended to the answer log (with the feedback, or without it when the learner went on before it came). */
      readonly logged?: boolean;
    }
  | { readonly kind: 'options'; readonly optionIds: readonly string[] }
  | { readonly kind: 'scale'; readonly value: number }
  | { readonly kind: 'quiz'; readonly optionId: string; readonly correct: boolean }
  | { readonly kind: 'sdg'; readonly main: number; readonly secondary: readonly number[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'skipped' };

export interface LessonState {
  readonly status: 'in-progress' | 'completed';
  /** The step to resume at (for a completed lesson: its summary). */
  readonly stepId: string;
}

/** The learner's whole conversation state: plain JSON, persisted after every turn. */
export interface ConversationContext {
  readonly locale: Locale | null;
  readonly profile: {
    readonly firstName?: string;
    readonly ventureName?: string;
    readonly ventureLine?: string;
    readonly consented?: boolean;
    /** The organisation's advisors may see the learner's progress and answers (asked after consent). */
    readonly sharesWithAdvisors?: boolean;
    /** The consent the learner gave said that their answers go to the AI service (only then is it asked). */
    readonly aiConsent?: boolean;
  };
  /** The lesson the learner is in, or was last in. */
  readonly position: LessonPosition | null;
  /** Keyed by `lessonKey(moduleId, lessonId)`. */
  readonly lessons: Readonly<Record<string, LessonState>>;
  /** Keyed by `stepKey(moduleId, lessonId, stepId)`. */
  readonly answers: Readonly<Record<string, StepAnswer>>;
  /** An SDG step waiting for its secondary goals after the main one was given. */
  readonly pendingSdgMain: number | null;
  /** The advisor's note the learner is replying to (set while in `replyingToAdvisor`). */
  readonly advisorNoteId?: string;
  /** The last coach request id given out (requests are numbered per learner). Absent before the first. */
  readonly coachRequests?: number;
  /** The conversation about the answer just given, while it lasts (see machine/coaching.ts). */
  readonly coachWindow?: CoachWindow | null;
}

/**
 * After a free-text answer the lesson waits for the coach's feedback, then (when an AI wrote it) the learner may reply to
 * it once. `position` is the step answered; the lesson's own position has already moved on to the next step.
 */
export interface CoachWindow {
  readonly stage: 'awaitingFeedback' | 'feedbackOffered' | 'awaitingFollowUp';
  readonly requestId: number;
  readonly position: LessonPosition;
  readonly answer: string;
  readonly feedback?: string;
  /** The learner's reply to the feedback, while the coach answers it. */
  readonly followUp?: string;
}

export const initialContext: ConversationContext = {
  locale: null,
  profile: {},
  position: null,
  lessons: {},
  answers: {},
  pendingSdgMain: null,
};

export function lessonKey(moduleId: string, lessonId: string): string {
  return `${moduleId}/${lessonId}`;
}

export function stepKey(moduleId: string, lessonId: string, stepId: string): string {
  return `${moduleId}/${lessonId}/${stepId}`;
}
