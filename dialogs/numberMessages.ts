import type { Locale, NumberStep, Unit } from '../curriculum/schema';
import { say } from './catalogue';
import { formatQuantity, unitLabel } from './formatQuantity';
import type { NumberReading } from './readNumberAnswer';

/** A typical answer for each unit, to show the format the bot reads (moved inside the step's bounds). */
const EXAMPLE_VALUE: Record<Unit, number> = {
  sek: 1500,
  'sek-per-month': 45000,
  'sek-per-hour': 350,
  percent: 15,
  hours: 160,
  people: 6,
  count: 12,
};

/** "Svara med ett tal (kronor per månad)." – said under the prompt of a number step. */
export function numberHint(step: NumberStep, locale: Locale): string {
  return say(locale, 'numberHint', { unit: unitLabel(step.unit, locale) });
}

/** "Noterat: 45 000 kr/mån." – the answer as the bot read it, so a misreading shows at once. */
export function numberRecorded(step: NumberStep, value: number, locale: Locale): string {
  return say(locale, 'numberRecorded', { value: formatQuantity(value, step.unit, locale) });
}

/** The re-ask for an answer that was not accepted: what went wrong, the unit, the bounds and an example. */
export function numberProblem(step: NumberStep, reading: Exclude<NumberReading, { kind: 'accepted' }>, locale: Locale): string {
  const unit = unitLabel(step.unit, locale);
  const range = rangeText(step, locale);
  if (reading.kind === 'outOfRange') {
    return say(locale, 'numberOutOfRange', { value: formatQuantity(reading.value, step.unit, locale), range: range ?? '', unit });
  }
  const example = Math.min(Math.max(EXAMPLE_VALUE[step.unit], step.min ?? -Infinity), step.max ?? Infinity);
  const problem = say(locale, 'numberNotANumber', { unit, example: formatQuantity(example, step.unit, locale) });
  return range ? `${problem} ${say(locale, 'numberBounds', { range })}` : problem;
}

/** "från 0 kr till 100 kr", "minst 0 %", or null for a step without bounds. */
function rangeText(step: NumberStep, locale: Locale): string | null {
  const shown = (value: number) => formatQuantity(value, step.unit, locale);
  if (step.min !== undefined && step.max !== undefined) return say(locale, 'rangeBetween', { min: shown(step.min), max: shown(step.max) });
  if (step.min !== undefined) return say(locale, 'rangeAtLeast', { min: shown(step.min) });
  if (step.max !== undefined) return say(locale, 'rangeAtMost', { max: shown(step.max) });
  return null;
}
