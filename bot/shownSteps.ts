import type { Snapshot } from 'xstate';
import { stepKey, type ConversationContext } from '../dialogs/conversationContext';
import type { ConversationEvent } from '../dialogs/events';

/**
 * A typed answer (or a Teams suggested action, which carries only its label) gets the step this learner's window was
 * last shown; a button already names its step. The conversation refuses to apply an answer meant for another step.
 */
export function withShownStep(event: ConversationEvent, lastShown: string | undefined): ConversationEvent {
  if (
    (event.type !== 'user.text' && event.type !== 'user.choice' && event.type !== 'user.question') ||
    event.shownStep !== undefined ||
    lastShown === undefined
  )
    return event;
  return { ...event, shownStep: lastShown };
}

/** The steps shown per identity after a turn: this identity now sees the current step, or no step outside a lesson. */
export function shownAfter(
  previous: Readonly<Record<string, string>> | undefined,
  viewer: string,
  snapshot: Snapshot<unknown>,
  context: ConversationContext,
): Record<string, string> {
  const shown = { ...previous };
  const value = (snapshot as unknown as { value: unknown }).value;
  const inLesson = typeof value === 'object' && value !== null && typeof (value as { active?: unknown }).active === 'object';
  if (inLesson && context.position) shown[viewer] = stepKey(context.position.moduleId, context.position.lessonId, context.position.stepId);
  else delete shown[viewer];
  return shown;
}
