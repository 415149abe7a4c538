import type { Locale } from '../curriculum/schema';
import { isCloseTo, normalizeInput } from './normalizeInput';
import { SDG_COUNT } from './sdgs';

/** What the learner sent at a prompt: typed text, or the value of a button they pressed. */
export type LearnerInput = { readonly text: string } | { readonly value: string };

const LANGUAGE_WORDS: Record<Locale, readonly string[]> = {
  sv: ['sv', 'svenska', 'swedish', 'svensk', '1'],
  en: ['en', 'english', 'engelska', 'engelsk', '2'],
};

export function matchLanguage(input: LearnerInput): Locale | null {
  const word = normalizeInput('value' in input ? input.value : input.text);
  for (const locale of ['sv', 'en'] as const) {
    if (LANGUAGE_WORDS[locale].some((w) => w === word || (w.length > 3 && isCloseTo(word, w)))) return locale;
  }
  return null;
}

interface MatchableOption {
  readonly id: string;
  readonly text: Readonly<Record<Locale, string>>;
}

/** The option a learner picked: by button value (option id), by number (1-based), or by its label with small typos. */
export function matchOption(options: readonly MatchableOption[], input: LearnerInput, locale: Locale): string | null {
  if ('value' in input) return options.some((o) => o.id === input.value) ? input.value : null;
  const typed = normalizeInput(input.text);
  const number = /^\d+$/.test(typed) ? Number(typed) : NaN;
  if (Number.isInteger(number)) return options[number - 1]?.id ?? null;
  const exact = options.find((o) => normalizeInput(o.text[locale]) === typed || o.id === typed);
  if (exact) return exact.id;
  const close = options.filter((o) => isCloseTo(typed, normalizeInput(o.text[locale])));
  return close.length === 1 ? close[0]!.id : null;
}

/** Several options: button values or typed entries separated by commas (or "och"/"and"). Null if any entry is unknown. */
export function matchOptions(options: readonly MatchableOption[], input: LearnerInput, locale: Locale): string[] | null {
  const parts = ('value' in input ? input.value : input.text)
    .split(/,|;|\boch\b|\band\b/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const ids: string[] = [];
  for (const part of parts) {
    const id = matchOption(options, 'value' in input ? { value: part } : { text: part }, locale);
    if (id === null) return null;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A self-assessment from 1 to 5, or null. */
export function matchScale(input: LearnerInput): number | null {
  const typed = normalizeInput('value' in input ? input.value : input.text);
  return /^[1-5]$/.test(typed) ? Number(typed) : null;
}

/** One goal number 1-17, or null. */
export function matchGoal(input: LearnerInput): number | null {
  const typed = normalizeInput('value' in input ? input.value : input.text);
  const goal = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
  return goal >= 1 && goal <= SDG_COUNT ? goal : null;
}

const NONE_WORDS = ['inga', 'inget', 'none', 'no', 'nej', 'ingen', '0', '-'];

/** Goal numbers separated by commas or spaces, or [] for "none"; null if anything is not a goal. */
export function matchGoals(input: LearnerInput): number[] | null {
  const raw = 'value' in input ? input.value : input.text;
  if (NONE_WORDS.includes(normalizeInput(raw)) || raw.trim() === '-') return [];
  const parts = raw.split(/[\s,;]+|\boch\b|\band\b/i).filter((p) => p.trim() !== '');
  if (parts.length === 0) return null;
  const goals: number[] = [];
  for (const part of parts) {
    const goal = matchGoal({ text: part });
    if (goal === null) return null;
    if (!goals.includes(goal)) goals.push(goal);
  }
  return goals;
}
