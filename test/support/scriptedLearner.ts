import type { Lesson, Locale, NumberStep, Step, Unit } from '../../curriculum/schema';
import type { ConversationEvent } from '../../dialogs/events';

/** One learner move and a piece of text the bot's reply must contain. */
export interface ScriptedTurn {
  readonly stepId: string;
  readonly event: Extract<ConversationEvent, { type: 'user.text' } | { type: 'user.choice' }>;
  /** Text expected in the bot's reply to this move (the next prompt, or feedback). */
  readonly expectReply: string;
}

/** A free-text answer long enough for any minimum length, mentioning the step so it can be found later. */
export function answerText(step: Step, locale: Locale): string {
  const base = locale === 'sv' ? `Vi vill att fler personer får jobb – svar på ${step.id}` : `We want more people in work – answer to ${step.id}`;
  const min = step.kind === 'question' ? (step.minLength ?? 1) : 1;
  return base.length >= min ? base : `${base} ${'.'.repeat(min - base.length)}`;
}

/** A plausible answer for each unit, moved inside a step's bounds by `answerNumber`. */
const TYPICAL_NUMBER: Record<Unit, number> = {
  sek: 1200,
  'sek-per-month': 45000,
  'sek-per-hour': 350,
  percent: 12.5,
  hours: 160,
  people: 6,
  count: 2,
};

/** A number inside the step's bounds, and how a learner of that language types it: "45 000" and "12,5" in Swedish, "45,000" and "12.5" in English. */
export function answerNumber(step: NumberStep, locale: Locale): { value: number; typed: string } {
  const value = Math.min(Math.max(TYPICAL_NUMBER[step.unit], step.min ?? -Infinity), step.max ?? Infinity);
  const typed = value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB').replace(/\s/g, ' ');
  return { value, typed };
}

/** The text a step starts with when presented (what the learner sees first). */
export function promptOf(step: Step, locale: Locale): string {
  const text = 'text' in step ? step.text[locale] : step.prompt[locale];
  return text.slice(0, 40);
}

/**
 * The moves that take a learner from the first step of a lesson to its summary, derived from the content:
 * "Next" on teaching steps and calculations, an answer to every question, a number typed as the learner's
 * language writes it at number steps, the correct option of every quiz (or the first wrong one when `quizzes`
 * is 'wrong'), and a main plus two secondary goals at an SDG step.
 */
export function scriptLesson(lesson: Lesson, locale: Locale, quizzes: 'right' | 'wrong' = 'right'): ScriptedTurn[] {
  const turns: ScriptedTurn[] = [];
  lesson.steps.forEach((step, index) => {
    const next = lesson.steps[index + 1];
    const nextPrompt = next ? promptOf(next, locale) : '';
    switch (step.kind) {
      case 'teach':
      case 'example':
      case 'calculation':
        turns.push({ stepId: step.id, event: { type: 'user.choice', value: 'next' }, expectReply: nextPrompt });
        break;
      case 'question':
        turns.push({ stepId: step.id, event: { type: 'user.text', text: answerText(step, locale) }, expectReply: nextPrompt });
        break;
      case 'choice': {
        const value = step.multiple
          ? step.options
              .slice(0, 2)
              .map((o) => o.id)
              .join(',')
          : step.options[0]!.id;
        turns.push({ stepId: step.id, event: { type: 'user.choice', value }, expectReply: nextPrompt });
        break;
      }
      case 'scale':
        turns.push({ stepId: step.id, event: { type: 'user.choice', value: '4' }, expectReply: nextPrompt });
        break;
      case 'quiz': {
        const option = quizzes === 'right' ? step.options.find((o) => o.correct) : step.options.find((o) => !o.correct);
        const explanation = step.explanation[quizzes === 'right' ? 'correct' : 'incorrect'][locale].slice(0, 30);
        turns.push({ stepId: step.id, event: { type: 'user.choice', value: option!.id }, expectReply: explanation });
        break;
      }
      case 'sdg':
        turns.push({ stepId: step.id, event: { type: 'user.text', text: '3' }, expectReply: locale === 'sv' ? 'Vilka mål' : 'Which goals' });
        turns.push({ stepId: step.id, event: { type: 'user.text', text: '10, 11' }, expectReply: nextPrompt });
        break;
      case 'number':
        turns.push({ stepId: step.id, event: { type: 'user.text', text: answerNumber(step, locale).typed }, expectReply: nextPrompt });
        break;
      case 'summary':
        break;
    }
  });
  return turns;
}
