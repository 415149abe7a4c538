import type { Locale, NumberStep } from '../curriculum/schema';
import { parseNumber } from './parseNumber';

/** What a learner's answer to a number step turned out to be: an expected outcome, never an exception. */
export type NumberReading =
  { readonly kind: 'accepted'; readonly value: number } | { readonly kind: 'notANumber' } | { readonly kind: 'outOfRange'; readonly value: number };

/** Reads an answer to a number step and holds it to the step's `min` and `max`. */
export function readNumberAnswer(step: NumberStep, text: string, locale: Locale): NumberReading {
  const value = parseNumber(text, step.unit, locale);
  if (value === null) return { kind: 'notANumber' };
  const tooSmall = step.min !== undefined && value < step.min;
  const tooLarge = step.max !== undefined && value > step.max;
  return tooSmall || tooLarge ? { kind: 'outOfRange', value } : { kind: 'accepted', value };
}
