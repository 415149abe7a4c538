import { readQuestion } from '../dialogs/detectQuestion';
import type { ConversationEvent } from '../dialogs/events';
import { ADVISOR_REPLY_VALUE_PREFIX } from '../dialogs/machine/advisorThread';
import { parseCommand, COMMANDS, type Command } from '../dialogs/parseCommand';
import { COMMAND_VALUE_PREFIX, LESSON_VALUE_PREFIX, MODULE_VALUE_PREFIX } from '../dialogs/presentStep';
import type { InboundActivity } from './channel/activity';

/** The value a button or card submit carries: `{ choice: string }`, possibly merged with card inputs. */
function choiceOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const choice = (value as Record<string, unknown>).choice;
  return typeof choice === 'string' && choice.length > 0 && choice.length <= 500 ? choice : null;
}

/** The step a button belonged to (see Choice.step), as the event's `shownStep`. */
function shownStepOf(value: unknown): { shownStep?: string } {
  const step = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).step : undefined;
  return typeof step === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/.test(step) ? { shownStep: step } : {};
}

function isEmptyCardSubmit(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).choice === '';
}

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

/**
 * The conversation event a message activity asks for: a button press (card submit or messageBack value),
 * a global command typed in either language, a question to the bot, or free text. Null when the activity carries nothing usable.
 */
export function messageToEvent(activity: Pick<InboundActivity, 'text' | 'value'>): ConversationEvent | null {
  const shown = shownStepOf(activity.value);
  // A multi-select card sent with nothing ticked: the step says "tick at least one".
  if (isEmptyCardSubmit(activity.value)) return { type: 'user.choice', value: '', ...shown };
  const choice = choiceOf(activity.value);
  if (choice !== null) {
    const command = choice.startsWith(COMMAND_VALUE_PREFIX) ? choice.slice(COMMAND_VALUE_PREFIX.length) : null;
    if (command !== null) return isCommand(command) ? { type: 'user.command', command } : { type: 'user.choice', value: choice };
    if (choice.startsWith(MODULE_VALUE_PREFIX)) return { type: 'user.pickModule', moduleId: choice.slice(MODULE_VALUE_PREFIX.length) };
    if (choice.startsWith(ADVISOR_REPLY_VALUE_PREFIX))
      return { type: 'user.replyToAdvisor', noteId: choice.slice(ADVISOR_REPLY_VALUE_PREFIX.length) };
    if (choice.startsWith(LESSON_VALUE_PREFIX)) {
      const [moduleId = '', lessonId = ''] = choice.slice(LESSON_VALUE_PREFIX.length).split('/');
      return { type: 'user.pickLesson', moduleId, lessonId };
    }
    return { type: 'user.choice', value: choice, ...shown };
  }
  const text = (activity.text ?? '').trim();
  if (text === '') return null;
  const command = parseCommand(text);
  if (command) return { type: 'user.command', command, text };
  const question = readQuestion(text);
  return question ? { type: 'user.question', text, addressed: question.addressed } : { type: 'user.text', text };
}

/** What an activity asks of the conversation, and under which id it is applied once. */
export interface TurnIntent {
  readonly event: ConversationEvent;
  /** Overrides the activity's own id (the Teams welcome is one turn, whichever install event brings it). */
  readonly activityId?: string;
}

/**
 * The conversation event an incoming activity stands for, or null for activities the programme does not answer
 * (typing, deletes, events, a conversationUpdate that adds nobody).
 *
 * Teams announces an install with a conversationUpdate and an installationUpdate, either of which can be missing or
 * arrive twice: both carry the welcome under one id, so the turn engine applies it once.
 */
export function intentOf(activity: InboundActivity): TurnIntent | null {
  const isTeams = activity.channelId === 'msteams';
  const welcomeId = `welcome:${activity.conversation.id}`;
  switch (activity.type) {
    case 'message':
      return { event: messageToEvent(activity) ?? { type: 'user.unreadable' } };
    case 'messageUpdate':
      return { event: { type: 'user.editedMessage' } };
    case 'installationUpdate':
      return activity.action === 'add' || activity.action === 'add-upgrade' ? { event: { type: 'session.started' }, activityId: welcomeId } : null;
    case 'conversationUpdate': {
      const added = activity.membersAdded ?? [];
      if (isTeams)
        return added.some((member) => member.id === activity.recipient.id) ? { event: { type: 'session.started' }, activityId: welcomeId } : null;
      return added.some((member) => member.id !== activity.recipient.id) ? { event: { type: 'session.started' } } : null;
    }
    default:
      return null;
  }
}
