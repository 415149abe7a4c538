import type { Locale } from '../curriculum/schema';
import type { ConversationContext, LessonPosition } from './conversationContext';
import type { OutgoingMessage } from './outgoing';
import { presentStep } from './presentStep';
import type { ProgrammeIndex } from './programmeIndex';

/**
 * A re-ask that keeps the step's buttons on screen: the step's answering message (its options, its Next or Skip)
 * with `text` in place of the prompt. A step without buttons is re-asked with the text alone.
 */
export function repromptStep(
  index: ProgrammeIndex,
  context: ConversationContext,
  position: LessonPosition,
  locale: Locale,
  text: string,
): OutgoingMessage {
  const answering = presentStep(index, context, position, locale).findLast((message) => message.kind === 'choices');
  return answering?.kind === 'choices' ? { ...answering, text, image: undefined } : { kind: 'text', text };
}
