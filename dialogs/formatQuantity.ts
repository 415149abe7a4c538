import type { Locale, Unit } from '../curriculum/schema';
import { say, type CatalogueKey } from './catalogue';

/** The number formats of each language: Swedish as written in Sweden, English as in the UK ("per cent", "12%"). */
const NUMBER_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

const UNIT_LABEL: Record<Unit, CatalogueKey> = {
  sek: 'unitSek',
  'sek-per-month': 'unitSekPerMonth',
  'sek-per-hour': 'unitSekPerHour',
  percent: 'unitPercent',
  hours: 'unitHours',
  people: 'unitPeople',
  count: 'unitCount',
};

/** What a unit is called in a prompt or a re-ask: "kronor per månad", "SEK per month". */
export function unitLabel(unit: Unit, locale: Locale): string {
  return say(locale, UNIT_LABEL[unit]);
}

export function isMoney(unit: Unit): boolean {
  return unit === 'sek' || unit === 'sek-per-month' || unit === 'sek-per-hour';
}

/** How a value is shown. */
export interface QuantityStyle {
  /**
   * `full` with its period ("45 000 kr/mån"); `operand` without it, as a number inside a calculation's
   * arithmetic ("45 000 kr × 15 %"), where the result alone carries the period.
   */
  readonly form?: 'full' | 'operand';
  /**
   * `given` for the learner's own answers: as typed, up to two decimals ("1 200,50 kr"). `worked-out` for
   * calculated results: whole kronor from a thousand kronor up, and other values with two decimals below 100,
   * one below 1 000 and none above.
   */
  readonly precision?: 'given' | 'worked-out';
}

/**
 * A value in the learner's language with its unit, through Intl.NumberFormat: sv "45 000 kr", "12 %",
 * "45 000 kr/mån"; en "SEK 45,000", "12%", "SEK 45,000/month". Amounts show öre only when they have any.
 * Anything that is not a finite number is shown as "–".
 */
export function formatQuantity(value: number, unit: Unit, locale: Locale, style: QuantityStyle = {}): string {
  if (!Number.isFinite(value)) return '–';
  const workedOut = style.precision === 'worked-out';
  switch (unit) {
    case 'sek':
    case 'sek-per-month':
    case 'sek-per-hour': {
      const amount = format(locale, { style: 'currency', currency: 'SEK', ...moneyDigits(value, workedOut) }, value);
      if (unit === 'sek' || style.form === 'operand') return amount;
      return say(locale, unit === 'sek-per-month' ? 'amountPerMonth' : 'amountPerHour', { amount });
    }
    case 'percent':
      return format(locale, { style: 'unit', unit: 'percent', ...plainDigits(value, workedOut) }, value);
    case 'hours':
      return format(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', ...plainDigits(value, workedOut) }, value);
    case 'people': {
      const count = formatNumber(value, locale, workedOut);
      const plural = new Intl.PluralRules(NUMBER_LOCALE[locale]).select(value);
      return say(locale, plural === 'one' ? 'peopleOne' : 'peopleOther', { count });
    }
    case 'count':
      return formatNumber(value, locale, workedOut);
  }
}

/** A plain number in the learner's language ("1 200,5", "1,200.5"), for constants in a calculation and counts. */
export function formatNumber(value: number, locale: Locale, workedOut = false): string {
  return Number.isFinite(value) ? format(locale, plainDigits(value, workedOut), value) : '–';
}

function moneyDigits(value: number, workedOut: boolean): Intl.NumberFormatOptions {
  const hasOre = (!workedOut || Math.abs(value) < 1000) && Math.round(value * 100) % 100 !== 0;
  return hasOre ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
}

function plainDigits(value: number, workedOut: boolean): Intl.NumberFormatOptions {
  const magnitude = Math.abs(value);
  return { maximumFractionDigits: !workedOut || magnitude < 100 ? 2 : magnitude < 1000 ? 1 : 0 };
}

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is costly to build and the same few formats are used over and over. */
function format(locale: Locale, options: Intl.NumberFormatOptions, value: number): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(NUMBER_LOCALE[locale], options);
    formats.set(key, formatter);
  }
  // A value that rounds to zero is shown as 0, not as −0.
  const smallestShown = 0.5 * 10 ** -(options.maximumFractionDigits ?? 0);
  return formatter.format(Math.abs(value) < smallestShown ? 0 : value);
}
