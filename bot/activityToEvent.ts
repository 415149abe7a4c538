import type { Activity } from 'botbuilder';
import type { ConversationEvent } from '../dialogs/events';
import { parseCommand, COMMANDS, type Command } from '../dialogs/parseCommand';
import { COMMAND_VALUE_PREFIX, LESSON_VALUE_PREFIX, MODULE_VALUE_PREFIX } from '../dialogs/presentStep';

const MAX_TEXT_LENGTH = 5000;

/** The value a button or card submit carries: `{ choice: string }`, possibly merged with card inputs. */
function choiceOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const choice = (value as Record<string, unknown>).choice;
  return typeof choice === 'string' && choice.length > 0 && choice.length <= 500 ? choice : null;
}

function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

/**
 * The conversation event a message activity asks for: a button press (card submit or messageBack value),
 * a global command typed in either language, or free text. Null when the activity carries nothing usable.
 */
export function messageToEvent(activity: Partial<Pick<Activity, 'text' | 'value'>>): ConversationEvent | null {
  const choice = choiceOf(activity.value);
  if (choice !== null) {
    const command = choice.startsWith(COMMAND_VALUE_PREFIX) ? choice.slice(COMMAND_VALUE_PREFIX.length) : null;
    if (command !== null) return isCommand(command) ? { type: 'user.command', command } : { type: 'user.choice', value: choice };
    if (choice.startsWith(MODULE_VALUE_PREFIX)) return { type: 'user.pickModule', moduleId: choice.slice(MODULE_VALUE_PREFIX.length) };
    if (choice.startsWith(LESSON_VALUE_PREFIX)) {
      const [moduleId = '', lessonId = ''] = choice.slice(LESSON_VALUE_PREFIX.length).split('/');
      return { type: 'user.pickLesson', moduleId, lessonId };
    }
    return { type: 'user.choice', value: choice };
  }
  const text = (activity.text ?? '').trim().slice(0, MAX_TEXT_LENGTH);
  if (text === '') return null;
  const command = parseCommand(text);
  return command ? { type: 'user.command', command, text } : { type: 'user.text', text };
}
