import { UNITS, type Locale, type Unit } from '../../curriculum/schema';
import { formatNumber, formatQuantity, unitLabel } from '../../dialogs/formatQuantity';

/** Intl separates groups and units with (narrow) non-breaking spaces; the expectations are written with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

type Row = readonly [value: number, unit: Unit, locale: Locale, shown: string];

describe('showing a number back in the learner’s language', () => {
  test.each<Row>([
    [45_000, 'sek', 'sv', '45 000 kr'],
    [45_000, 'sek', 'en', 'SEK 45,000'],
    [1200.5, 'sek', 'sv', '1 200,50 kr'],
    [1200.5, 'sek', 'en', 'SEK 1,200.50'],
    [45.5, 'sek', 'sv', '45,50 kr'],
    [45.5, 'sek', 'en', 'SEK 45.50'],
    [-68_528, 'sek', 'sv', '−68 528 kr'],
    [-68_528, 'sek', 'en', '-SEK 68,528'],
    [45_000, 'sek-per-month', 'sv', '45 000 kr/mån'],
    [45_000, 'sek-per-month', 'en', 'SEK 45,000/month'],
    [227.28, 'sek-per-hour', 'sv', '227,28 kr/tim'],
    [227.28, 'sek-per-hour', 'en', 'SEK 227.28/hour'],
    [12, 'percent', 'sv', '12 %'],
    [12, 'percent', 'en', '12%'],
    [31.42, 'percent', 'sv', '31,42 %'],
    [43.4523, 'percent', 'en', '43.45%'],
    [0.125, 'percent', 'sv', '0,13 %'],
    [560, 'hours', 'sv', '560 timmar'],
    [1, 'hours', 'sv', '1 timme'],
    [1, 'hours', 'en', '1 hour'],
    [359.83, 'hours', 'en', '359.83 hours'],
    [6, 'people', 'sv', '6 personer'],
    [1, 'people', 'sv', '1 person'],
    [6, 'people', 'en', '6 people'],
    [1, 'people', 'en', '1 person'],
    [359.83, 'count', 'sv', '359,83'],
    [1200, 'count', 'en', '1,200'],
    [-0.001, 'sek', 'sv', '0 kr'],
  ])('The answer %d %s in %s is shown as "%s"', (value, unit, locale, shown) => {
    expect(plain(formatQuantity(value, unit, locale))).toBe(shown);
  });

  test.each<Row>([
    [31_819.5, 'sek-per-month', 'sv', '31 820 kr/mån'],
    [-68_528.4, 'sek', 'en', '-SEK 68,528'],
    [227.282, 'sek-per-hour', 'sv', '227,28 kr/tim'],
    [43.4523, 'percent', 'sv', '43,45 %'],
    [359.83, 'count', 'en', '359.8'],
    [1234.56, 'hours', 'en', '1,235 hours'],
  ])('The worked-out result %d %s in %s is rounded to "%s"', (value, unit, locale, shown) => {
    expect(plain(formatQuantity(value, unit, locale, { precision: 'worked-out' }))).toBe(shown);
  });

  test('Inside a calculation’s arithmetic an amount is shown without its period; the result carries it', () => {
    expect(plain(formatQuantity(45_000, 'sek-per-month', 'sv', { form: 'operand' }))).toBe('45 000 kr');
    expect(plain(formatQuantity(250, 'sek-per-hour', 'en', { form: 'operand' }))).toBe('SEK 250');
    expect(plain(formatQuantity(15, 'percent', 'en', { form: 'operand' }))).toBe('15%');
  });

  test('Nothing that is not a finite number is ever shown as NaN or Infinity', () => {
    for (const unit of UNITS) {
      for (const value of [Number.NaN, Infinity, -Infinity]) expect(formatQuantity(value, unit, 'sv')).toBe('–');
    }
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
  });

  test('Every unit has a label in both languages, and the two differ', () => {
    for (const unit of UNITS) {
      expect(unitLabel(unit, 'sv')).not.toBe('');
      expect(unitLabel(unit, 'en')).not.toBe('');
      expect(unitLabel(unit, 'sv')).not.toBe(unitLabel(unit, 'en'));
    }
  });
});
