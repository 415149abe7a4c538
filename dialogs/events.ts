import type { Locale } from '../curriculum/schema';
import type { CoachAsk } from './outgoing';
import type { Command } from './parseCommand';

/** What a learner (or the channel) can send the conversation machine. */
export type ConversationEvent =
  /** The conversation (re)opened: install, first visit, page reload. The bot speaks first. */
  /** `locale`: the language to greet in before the learner has chosen one (the organisation's or the channel's). */
  | { readonly type: 'session.started'; readonly locale?: Locale }
  /**
   * Typed text. `shownStep`: the step this learner's window last showed (stepKey), when the turn engine knows it, so
   * that an answer typed in a window that is behind is recognised instead of being applied to another step.
   */
  | { readonly type: 'user.text'; readonly text: string; readonly shownStep?: string }
  /**
   * Typed text that reads as a question to the bot (dialogs/detectQuestion.ts): never taken as an answer or as "Next".
   * `addressed`: the learner speaks to the bot ("can you explain …"), so it is a question even where an answer may be
   * phrased as one ("How might we …?").
   */
  | { readonly type: 'user.question'; readonly text: string; readonly addressed: boolean; readonly shownStep?: string }
  /** A button or card submit: the value of a Choice, and the step the button belonged to. */
  | { readonly type: 'user.choice'; readonly value: string; readonly shownStep?: string }
  | { readonly type: 'user.command'; readonly command: Command; readonly text?: string }
  /** A module button, wherever it was pressed (menus stay on screen and can be pressed later). */
  | { readonly type: 'user.pickModule'; readonly moduleId: string }
  /** A lesson button (offered when a module is completed). */
  | { readonly type: 'user.pickLesson'; readonly moduleId: string; readonly lessonId: string }
  /** The learner pressed "Reply to the advisor" under an advisor's note: their next text is the reply. */
  | { readonly type: 'user.replyToAdvisor'; readonly noteId: string }
  /** The learner edited a message they had sent (Teams); answers are kept as first given. */
  | { readonly type: 'user.editedMessage' }
  /** A message with nothing the bot can read (no text, no button value), e.g. only a file. */
  | { readonly type: 'user.unreadable' }
  /**
   * The coach's answer to `ask` (feedback on an answer, a reply to the learner's follow-up, an answer to a question),
   * from the AI service or the offline coach. Sent by the turn engine, in the asking turn or in one of its own later.
   */
  | { readonly type: 'coach.replied'; readonly ask: CoachAsk; readonly text: string; readonly source: CoachSource };

/** Who wrote a coach reply: the configured AI service, or the offline coach's simple automatic check. */
export type CoachSource = 'ai' | 'offline';
