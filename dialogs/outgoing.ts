import type { LessonPosition } from './conversationContext';
/** One button or suggested action: what the learner sees and the value that comes back when chosen. */
export interface Choice {
  readonly label: string;
  readonly value: string;
  /**
   * The step the button answers (`stepKey`), sent back with the press, so that a press in a window that shows an
   * older step is recognised as such instead of being applied to the step the learner is at now.
   */
  readonly step?: string;
}

/** One row of the module menu. */
export interface ModuleProgressView {
  readonly moduleId: string;
  readonly title: string;
  readonly lessonsDone: number;
  readonly lessonCount: number;
  /** 0-100. */
  readonly percent: number;
  /** For example "▰▰▰▱▱ 60 %". */
  readonly bar: string;
}

/**
 * A channel-neutral message from the conversation. Channel renderers (Web Chat, Teams) turn these into
 * activities: text, suggested actions or Adaptive Cards.
 */
export type OutgoingMessage =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'choices';
      readonly text: string;
      readonly choices: readonly Choice[];
      /** The learner may pick several (sent back as values joined by commas). */
      readonly multiple?: boolean;
      /**
       * Pages to link under the text (privacy notice, terms): paths on the bot's own origin, or https URLs (an
       * organisation's own privacy notice, put in at the edge).
       */
      readonly links?: readonly { readonly label: string; readonly path: string }[];
      /** The label of the button that sends the ticked options (several at once). */
      readonly submitLabel?: string;
      /** A picture shown with a teaching step. */
      readonly image?: { readonly url: string; readonly alt: string };
    }
  | {
      readonly kind: 'progress';
      readonly title: string;
      readonly modules: readonly ModuleProgressView[];
      readonly choices: readonly Choice[];
    }
  | {
      readonly kind: 'summary';
      readonly title: string;
      readonly text: string;
      readonly answers: readonly { readonly label: string; readonly answer: string }[];
      readonly progressLine: string;
      readonly choices: readonly Choice[];
    }
  | {
      /** A calculation step: the bot's arithmetic on the learner's numbers, line by line. */
      readonly kind: 'calculation';
      readonly text: string;
      /**
       * `working` is the arithmetic with the numbers put in ("95 000 kr × 15 %"), empty when the line is a single
       * number; `result` is the line's value with its unit, or "–" when it cannot be worked out.
       */
      readonly lines: readonly { readonly label: string; readonly working: string; readonly result: string }[];
      /** Why a result is "–": a number that is missing, a division by zero. */
      readonly notes: readonly string[];
      readonly choices: readonly Choice[];
    }
  | {
      readonly kind: 'artefact';
      readonly title: string;
      readonly fields: readonly { readonly label: string; readonly value: string }[];
    };

/** An answer the learner gave, emitted so the turn engine appends it to the answer log. */
export interface RecordedAnswer {
  readonly moduleId: string;
  readonly lessonId: string;
  readonly stepId: string;
  readonly stepKind: string;
  readonly answer: string | string[] | number | number[];
  readonly correct?: boolean;
  /** What the coach said about it (the answer is logged once the feedback is there). */
  readonly feedback?: string;
}

/**
 * What the conversation asks the coach. `requestId` is unique within the learner's conversation: a reply is applied only
 * to the request it answers. Positions name the step the request is about (for a question: where the learner asked it).
 */
export type CoachAsk =
  /** Feedback on a free-text answer. */
  | { readonly kind: 'feedback'; readonly requestId: number; readonly position: LessonPosition; readonly answer: string }
  /** The learner's one reply to the feedback on their answer. */
  | {
      readonly kind: 'followUp';
      readonly requestId: number;
      readonly position: LessonPosition;
      readonly answer: string;
      readonly feedback: string;
      readonly text: string;
    }
  /** A question asked instead of an answer, in a lesson or at the menu (no position). */
  | { readonly kind: 'question'; readonly requestId: number; readonly position: LessonPosition | null; readonly text: string };

/** A request for work the pure machine cannot do itself (I/O), carried out by the turn engine. */
export type EffectRequest =
  | { readonly effect: 'exportData' }
  | { readonly effect: 'deleteData' }
  | { readonly effect: 'requestAdvisor' }
  /** Issue a one-time code that links another channel (Teams or the web widget) to this learner. */
  | { readonly effect: 'issueLinkCode' }
  /** Store the learner's reply to an advisor's note (the note is the thread). */
  | { readonly effect: 'advisorReply'; readonly noteId: string; readonly text: string };

/** Everything the machine emits; the turn engine listens for these. */
export type EmittedEvent =
  | { readonly type: 'bot.say'; readonly message: OutgoingMessage }
  | { readonly type: 'answer.recorded'; readonly answer: RecordedAnswer }
  | { readonly type: 'effect.requested'; readonly request: EffectRequest }
  | { readonly type: 'coach.requested'; readonly ask: CoachAsk };
