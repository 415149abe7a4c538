import type { Locale } from '../../curriculum/schema';

/** Keywords this short match only the word itself, with an inflection ending: "år" meets "åren" but not "århundrade". */
const SHORT_KEYWORD = 3;
/** A Swedish compound meets a keyword this long that it ends with ("barnfamiljer" meets "famil"). */
const COMPOUND_PART = 5;
/** …when what comes before it is a word of its own, at least this long ("barn"). */
const COMPOUND_HEAD = 4;

/** Inflection endings a short keyword may take (Swedish nouns, adjectives and verbs; English plurals and verb forms). */
const ENDINGS: Record<Locale, readonly string[]> = {
  sv: ['', 'a', 'e', 'en', 'et', 'n', 't', 's', 'ar', 'er', 'or', 'na', 'ns', 'ens', 'ets', 'arna', 'erna', 'orna', 'ade', 'at', 'ande', 'de', 'r'],
  en: ['', 's', 'es', 'ed', 'd', 'ing', "'s"],
};

/** The words of a text: lower case, letters and digits only ("Äldre, 80+" → ["äldre", "80"]). */
export function wordsOf(text: string, locale: Locale): string[] {
  return text
    .normalize('NFC')
    .toLocaleLowerCase(locale)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** An answer as the rubric reads it: its words, and its text for keywords that are signs ("%"). */
export interface ReadAnswer {
  readonly words: readonly string[];
  readonly text: string;
}

export function readAnswer(text: string, locale: Locale): ReadAnswer {
  return { words: wordsOf(text, locale), text };
}

/** Whether one word of the answer meets one keyword word (see the rubric schema for the rules). */
function meetsWord(word: string, keyword: string, locale: Locale): boolean {
  // A digit stands for any number that begins with it ("2" meets "20", "2026").
  if (/^\d+$/.test(keyword)) return /^\d/.test(word) && word.startsWith(keyword);
  if (keyword.length <= SHORT_KEYWORD) return word.startsWith(keyword) && ENDINGS[locale].includes(word.slice(keyword.length));
  if (word.startsWith(keyword)) return true;
  if (locale !== 'sv' || keyword.length < COMPOUND_PART) return false;
  const at = word.indexOf(keyword, COMPOUND_HEAD);
  return at >= COMPOUND_HEAD;
}

/**
 * Whether an answer meets a keyword of a rubric criterion: a word (or stem) matched against whole words, never inside
 * another word ("år" is not in "svårt"), and a phrase matched as its words in a row.
 */
export function meetsKeyword(answer: ReadAnswer, keyword: string, locale: Locale): boolean {
  const parts = wordsOf(keyword, locale);
  if (parts.length === 0) return keyword.trim() !== '' && answer.text.includes(keyword.trim());
  const { words } = answer;
  for (let start = 0; start + parts.length <= words.length; start++) {
    if (parts.every((part, offset) => meetsWord(words[start + offset]!, part, locale))) return true;
  }
  return false;
}
