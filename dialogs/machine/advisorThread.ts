import { say } from '../catalogue';
import type { ConversationEvent } from '../events';
import { localeOf, textOf } from '../eventInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { sayAction } from './conversationBehaviour';
import type { ProgrammeSetup } from './machineSetup';

/** The value of the "Reply to the advisor" button under a delivered note: the prefix, then the note's id. */
export const ADVISOR_REPLY_VALUE_PREFIX = 'advisor-reply:';

const MAX_REPLY_LENGTH = 4000;

/** Answering an advisor's note from the chat: the button puts the conversation here, the next text is the reply. */
export function advisorThreadBehaviour() {
  return {
    guards: {
      isReplyText: ({ event }: GuardArgs) => textOf(event).length > 0,
    },
    actions: {
      rememberAdvisorNote: baseSetup.assign({
        advisorNoteId: ({ event }) => (event as Extract<ConversationEvent, { type: 'user.replyToAdvisor' }>).noteId,
      }),
      forgetAdvisorNote: baseSetup.assign({ advisorNoteId: undefined }),
      sendAdvisorReply: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        if (!context.advisorNoteId) return;
        enqueue.emit({
          type: 'effect.requested',
          request: { effect: 'advisorReply', noteId: context.advisorNoteId, text: textOf(event).slice(0, MAX_REPLY_LENGTH) },
        });
        enqueue.emit({ type: 'bot.say', message: { kind: 'text', text: say(localeOf(context), 'advisorReplySent') } });
      }),
    },
  };
}

/**
 * `replyingToAdvisor` takes the learner's next text as the reply and goes back where they were; a button, a command or
 * a reopened conversation cancels it (a command is not taken as a reply).
 */
export function advisorThreadStates(s: ProgrammeSetup) {
  const cancel = { actions: ['forgetAdvisorNote', sayAction('advisorReplyCancelled')], target: 'active.history' } as const;
  const replyingToAdvisor = s.createStateConfig({
    entry: sayAction('advisorReplyPrompt'),
    on: {
      'user.text': [
        { guard: 'isReplyText', actions: ['sendAdvisorReply', 'forgetAdvisorNote'], target: 'active.history' },
        { actions: sayAction('advisorReplyPrompt') },
      ],
      'user.replyToAdvisor': { actions: 'rememberAdvisorNote', target: 'replyingToAdvisor', reenter: true },
      'user.choice': cancel,
      'user.command': cancel,
      'user.pickModule': cancel,
      'user.pickLesson': cancel,
      'session.started': cancel,
    },
  });
  /** For the onboarded learner's `active` state: the button of a note, pressed whenever. */
  const startReplyToAdvisor = { actions: 'rememberAdvisorNote', target: '#programme.replyingToAdvisor' } as const;
  return { replyingToAdvisor, startReplyToAdvisor };
}
