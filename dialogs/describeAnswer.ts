import type { Locale, Step } from '../curriculum/schema';
import { say } from './catalogue';
import type { StepAnswer } from './conversationContext';
import { formatQuantity } from './formatQuantity';
import { sdgLabel } from './sdgs';

/** The learner's answer as a line of text, for summaries and artefacts. */
export function describeAnswer(step: Step, answer: StepAnswer, locale: Locale): string {
  switch (answer.kind) {
    case 'text':
      return answer.text;
    case 'skipped':
      return say(locale, 'skipped');
    case 'scale':
      return `${answer.value}/5`;
    case 'number':
      return step.kind === 'number' ? formatQuantity(answer.value, step.unit, locale) : String(answer.value);
    case 'sdg': {
      const secondary = answer.secondary.map((goal) => sdgLabel(goal, locale)).join(', ') || say(locale, 'none');
      return say(locale, 'sdgRecorded', { main: sdgLabel(answer.main, locale), secondary });
    }
    case 'options':
    case 'quiz': {
      const ids = answer.kind === 'quiz' ? [answer.optionId] : answer.optionIds;
      const options = 'options' in step ? step.options : [];
      const labels = ids.map((id) => options.find((o) => o.id === id)?.text[locale] ?? id).join(', ');
      return answer.kind === 'quiz' ? `${labels} ${answer.correct ? '✓' : '✗'}` : labels;
    }
  }
}
