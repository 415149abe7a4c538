import type { Locale, Step } from '../../curriculum/schema';
import { formatQuantity } from '../../dialogs/formatQuantity';
import { sdgLabel } from '../../dialogs/sdgs';
import type { AnswerRecord } from '../records';

/** Option ids as the options' texts (an id no longer in the content is shown as it is). */
function optionTexts(step: Step | undefined, ids: readonly string[], locale: Locale): string {
  const options = step && 'options' in step ? step.options : [];
  return ids.map((id) => options.find((o) => o.id === id)?.text[locale] ?? id).join(', ');
}

function goals(values: readonly number[], locale: Locale): string {
  return values.map((goal) => (Number.isInteger(goal) && goal >= 1 && goal <= 17 ? sdgLabel(goal, locale) : String(goal))).join(', ');
}

/**
 * An answer from the answer log as a person reads it: option texts instead of ids, numbers with their unit, goals by
 * name. Plain text (the document that shows it escapes it). `step` is undefined when the content no longer has it.
 */
export function describeLoggedAnswer(record: AnswerRecord, step: Step | undefined, locale: Locale): string {
  const { answer } = record;
  if (typeof answer === 'number') {
    if (step?.kind === 'number') return formatQuantity(answer, step.unit, locale);
    if (step?.kind === 'scale') return `${answer}/5`;
    return String(answer);
  }
  if (typeof answer === 'string') {
    const isOptionId = step?.kind === 'quiz' || step?.kind === 'choice';
    return isOptionId && record.stepKind !== 'not-applied' ? optionTexts(step, [answer], locale) : answer;
  }
  if (answer.every((value): value is number => typeof value === 'number')) return goals(answer, locale);
  return optionTexts(step, answer, locale);
}
