import type { Locale } from '../curriculum/schema';
import type { ConversationContext } from './conversationContext';
import type { ConversationEvent } from './events';
import type { LearnerInput } from './matchInput';

/** What the learner sent, typed or pressed, as input to match against a prompt; null for other events. */
export function inputOf(event: ConversationEvent): LearnerInput | null {
  if (event.type === 'user.text') return { text: event.text };
  if (event.type === 'user.choice') return { value: event.value };
  if (event.type === 'user.command' && event.text !== undefined) return { text: event.text };
  return null;
}

/** Typed text without surrounding space; empty for anything else. */
export function textOf(event: ConversationEvent): string {
  return event.type === 'user.text' ? event.text.trim() : '';
}

/** The learner's language; Swedish until they have chosen. */
export function localeOf(context: ConversationContext): Locale {
  return context.locale ?? 'sv';
}
