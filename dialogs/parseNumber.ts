import type { Locale, Unit } from '../curriculum/schema';
import { isMoney } from './formatQuantity';

/** Words that may stand around any number: "ca 45 000", "about 20". */
const HEDGES = [
  'ca',
  'c',
  'cirka',
  'circa',
  'ungefär',
  'runt',
  'omkring',
  'kring',
  'about',
  'around',
  'approx',
  'approximately',
  'roughly',
  '~',
  '≈',
];
const PER_MONTH = ['per', 'i', 'a', '/', 'mån', 'månad', 'månaden', 'mnd', 'month', 'mo', 'monthly'];
const PER_HOUR = ['per', 'i', 'an', 'a', '/', 'tim', 'timme', 'timmen', 'h', 'hour', 'hr', 'hourly'];
const MONEY = ['kr', 'kronor', 'krona', 'sek', ':-', 'moms', 'utan', 'exkl', 'ex', 'excl', 'excluding', 'without', 'vat'];

/** The words and signs a learner may write beside a number of each unit (compared in lower case). */
const UNIT_WORDS: Record<Unit, readonly string[]> = {
  sek: MONEY,
  'sek-per-month': [...MONEY, ...PER_MONTH],
  'sek-per-hour': [...MONEY, ...PER_HOUR],
  percent: ['%', 'procent', 'percent', 'per', 'cent', 'pct'],
  hours: ['h', 'tim', 'timmar', 'timme', 'hours', 'hour', 'hrs', 'hr', ...PER_MONTH],
  people: ['personer', 'person', 'people', 'persons', 'pers', 'st', 'stycken', 'deltagare', 'participants', 'trainees', 'anställda', 'employees'],
  count: ['st', 'stycken', 'styck', 'pcs', 'pieces', 'units', 'enheter', 'uppdrag', 'jobs', 'gånger', 'times', 'månader', 'months', ...PER_MONTH],
};

/** Amounts written in thousands or millions: "45 tkr", "45k", "1,2 miljoner". */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  tkr: 1e3,
  tusen: 1e3,
  thousand: 1e3,
  mkr: 1e6,
  milj: 1e6,
  miljon: 1e6,
  miljoner: 1e6,
  million: 1e6,
};

/** Answers that mean nothing at all: the prompts say "write 0 if you have none". */
const ZERO_WORDS = ['noll', 'zero', 'inga', 'ingen', 'inget', 'none', 'nothing', 'nil'];

/** Longer input is not a number someone typed. */
const MAX_INPUT_LENGTH = 80;

/**
 * The number a learner typed, as a Swedish or English speaker writes it, or null: "45 000", "45 000 kr",
 * "45,5", "45.5", "1 200,50", "1.200,50", "1,200.50", "12 %", "-500", "45 tkr". Spaces (also non-breaking)
 * group thousands; so do dots or commas where the reading is unambiguous: several of them ("1.200.000"), or
 * one beside the other sign ("1,200.50"). A single dot or comma before exactly three digits ("1,200") is a
 * thousands separator for amounts, people and counts, which never have three decimals; for percent and hours
 * the learner's language decides (sv: comma is the decimal sign, en: the dot). Words other than the unit's
 * own and a hedge ("ca", "about") make the input unreadable, so "20 eller 30" is asked again rather than guessed.
 */
export function parseNumber(text: string, unit: Unit, locale: Locale): number | null {
  if (text.length > MAX_INPUT_LENGTH) return null;
  let rest = ` ${text.normalize('NFKC').toLocaleLowerCase(locale)} `
    .replace(/[\u2212\u2013\u2014]/g, '-')
    .replace(/[.!]+\s*$/, '')
    .replace(/\s+/g, ' ');
  let multiplier = 1;
  const allowed = [...HEDGES, ...UNIT_WORDS[unit], ...(isMoney(unit) ? Object.keys(MULTIPLIERS) : [])];
  for (const word of allowed.sort((a, b) => b.length - a.length)) {
    rest = rest.replace(wordPattern(word), (found) => {
      const factor = MULTIPLIERS[found.replace(/\.$/, '').trim()];
      if (factor !== undefined) multiplier = multiplier === 1 ? factor : Number.NaN;
      return ' ';
    });
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  if (ZERO_WORDS.includes(rest)) return 0;
  const value = parsePlainNumber(rest, unit, locale);
  return value === null || Number.isNaN(multiplier) ? null : value * multiplier;
}

/** A unit word standing on its own: not inside another word, but possibly right after the number ("45kr", "12%"). */
function wordPattern(word: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return /^\p{L}/u.test(word) ? new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})\\.?`, 'gu') : new RegExp(escaped, 'gu');
}

/** "-1 200,50" and the like, once the words are gone. */
function parsePlainNumber(text: string, unit: Unit, locale: Locale): number | null {
  const match = /^([+-]?) ?(\d[\d ,.]*)$/.exec(text);
  if (!match) return null;
  const [, sign, body = ''] = match;
  const canonical = canonicalDigits(body, unit, locale);
  if (canonical === null) return null;
  const value = Number(canonical);
  return Number.isFinite(value) ? (sign === '-' ? -value : value) : null;
}

/** "1 200,50" → "1200.50"; null when the separators do not make a number. */
function canonicalDigits(body: string, unit: Unit, locale: Locale): string | null {
  if (/[ .,]$/.test(body) || /[ .,]{2}/.test(body)) return null;
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let decimalSign: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) decimalSign = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
  else if (dots === 1 || commas === 1) {
    const sign = dots === 1 ? '.' : ',';
    const [before = '', after = ''] = body.split(sign);
    const couldBeThousands = !before.includes(' ') && /^[1-9]\d{0,2}$/.test(before) && /^\d{3}$/.test(after);
    decimalSign = couldBeThousands && readsAsThousands(sign, unit, locale) ? null : sign;
  }
  const [whole = '', fraction, extra] = decimalSign ? body.split(decimalSign) : [body];
  if (extra !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  const groups = whole.split(/[ .,]/);
  const grouped = groups.length === 1 || (/^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
  const oneGroupingSign = new Set(whole.replace(/\d/g, '')).size <= 1;
  if (!grouped || !oneGroupingSign) return null;
  return `${groups.join('')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Whether "1,200" or "1.200" means one thousand two hundred for this unit and language. */
function readsAsThousands(sign: '.' | ',', unit: Unit, locale: Locale): boolean {
  if (isMoney(unit) || unit === 'people' || unit === 'count') return true;
  return locale === 'sv' ? sign === '.' : sign === ',';
}
