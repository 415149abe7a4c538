import { say } from '../catalogue';
import { stepKey } from '../conversationContext';
import { inputOf, localeOf } from '../eventInput';
import { baseSetup, type GuardArgs } from './baseSetup';
import { textEvent } from './conversationBehaviour';

/** `stepKind` of an answer that was kept in the log but not applied: it was given to a step the learner had left. */
export const NOT_APPLIED = 'not-applied';

/**
 * Answers from a window that shows an older step (another device moved on): the learner is told where they are, the
 * answer is kept in the answer log under the step it was given to, and nothing is applied to the step they are at.
 */
export function staleViewBehaviour() {
  return {
    guards: {
      isStaleView: ({ context, event }: GuardArgs) => {
        if ((event.type !== 'user.text' && event.type !== 'user.choice') || event.shownStep === undefined || !context.position) return false;
        const { moduleId, lessonId, stepId } = context.position;
        return event.shownStep !== stepKey(moduleId, lessonId, stepId);
      },
    },
    actions: {
      keepStaleAnswer: baseSetup.enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.text' && event.type !== 'user.choice') return;
        const [moduleId = '', lessonId = '', stepId = ''] = (event.shownStep ?? '').split('/');
        const input = inputOf(event);
        const answer = input && 'text' in input ? input.text : (input?.value ?? '');
        enqueue.emit({ type: 'answer.recorded', answer: { moduleId, lessonId, stepId, stepKind: NOT_APPLIED, answer } });
        enqueue.emit(textEvent(say(localeOf(context), 'staleView')));
      }),
    },
  };
}
