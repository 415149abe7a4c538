import type { Locale, Unit } from '../../curriculum/schema';
import { parseNumber } from '../../dialogs/parseNumber';

type Row = readonly [typed: string, unit: Unit, locale: Locale, value: number | null];

describe('reading a number as a learner types it', () => {
  test.each<Row>([
    ['45000', 'sek', 'sv', 45_000],
    ['45 000', 'sek', 'sv', 45_000],
    ['45\u00a0000', 'sek', 'sv', 45_000],
    ['45\u202f000', 'sek', 'sv', 45_000],
    ['45 000 kr', 'sek', 'sv', 45_000],
    ['45 000 kronor', 'sek', 'en', 45_000],
    ['SEK 45,000', 'sek', 'en', 45_000],
    ['45000kr', 'sek', 'sv', 45_000],
    ['45:-', 'sek', 'sv', 45],
    ['1 200 000', 'sek', 'sv', 1_200_000],
    ['1.200.000', 'sek', 'sv', 1_200_000],
    ['1,200,000', 'sek', 'en', 1_200_000],
    ['45,5', 'sek', 'sv', 45.5],
    ['45.5', 'sek', 'sv', 45.5],
    ['45,5', 'sek', 'en', 45.5],
    ['1 200,50', 'sek', 'sv', 1200.5],
    ['1 200.50', 'sek', 'en', 1200.5],
    ['1.200,50', 'sek', 'sv', 1200.5],
    ['1,200.50', 'sek', 'en', 1200.5],
    ['-500', 'sek', 'sv', -500],
    ['−500 kr', 'sek', 'sv', -500],
    ['– 500', 'sek', 'sv', -500],
    ['+500', 'sek', 'sv', 500],
    ['45 000 kr i månaden', 'sek-per-month', 'sv', 45_000],
    ['45 000 kr/mån', 'sek-per-month', 'sv', 45_000],
    ['SEK 45,000 a month', 'sek-per-month', 'en', 45_000],
    ['45 000 kr exkl. moms', 'sek-per-month', 'sv', 45_000],
    ['ca 45 000', 'sek-per-month', 'sv', 45_000],
    ['about 45,000.', 'sek-per-month', 'en', 45_000],
    ['45 tkr', 'sek-per-month', 'sv', 45_000],
    ['45k', 'sek-per-month', 'en', 45_000],
    ['1,2 miljoner', 'sek', 'sv', 1_200_000],
    ['250 kr/tim', 'sek-per-hour', 'sv', 250],
    ['SEK 250 an hour', 'sek-per-hour', 'en', 250],
    ['12 %', 'percent', 'sv', 12],
    ['12%', 'percent', 'en', 12],
    ['31,42', 'percent', 'sv', 31.42],
    ['31.42 per cent', 'percent', 'en', 31.42],
    ['12 procent', 'percent', 'sv', 12],
    ['160 timmar', 'hours', 'sv', 160],
    ['160h', 'hours', 'en', 160],
    ['6 personer', 'people', 'sv', 6],
    ['6 people', 'people', 'en', 6],
    ['2 månader', 'count', 'sv', 2],
    ['0', 'sek', 'sv', 0],
    ['inga', 'sek-per-month', 'sv', 0],
    ['none', 'people', 'en', 0],
    ['0,125', 'percent', 'en', 0.125],
  ])('"%s" (%s, %s) reads as %d', (typed, unit, locale, value) => {
    expect(parseNumber(typed, unit, locale)).toBe(value);
  });

  test.each<Row>([
    // One separator before exactly three digits: amounts, people and counts never have three decimals.
    ['1,200', 'sek', 'sv', 1200],
    ['1.200', 'sek', 'en', 1200],
    ['1,200', 'people', 'sv', 1200],
    // Percent and hours can: the learner's language decides which sign is the decimal sign.
    ['1,500', 'hours', 'sv', 1.5],
    ['1,500', 'hours', 'en', 1500],
    ['1.500', 'hours', 'sv', 1500],
    ['1.500', 'hours', 'en', 1.5],
  ])('the ambiguous "%s" (%s, %s) reads as %d', (typed, unit, locale, value) => {
    expect(parseNumber(typed, unit, locale)).toBe(value);
  });

  test.each<readonly [string, Unit]>([
    ['', 'sek'],
    ['kr', 'sek'],
    ['fyrtiofem tusen', 'sek'],
    ['20 eller 30', 'sek'],
    ['20-30', 'sek'],
    ['20–30 %', 'percent'],
    ['minus 500', 'sek'],
    ['45 00', 'sek'],
    ['1.200,000.5', 'sek'],
    ['1 200.000,5', 'sek'],
    ['45,', 'sek'],
    ['12 %', 'sek'],
    ['45 000 kr', 'percent'],
    ['6 timmar', 'people'],
    ['45 tkr', 'hours'],
    ['45 tkr tusen', 'sek'],
    ['1.5.2024', 'count'],
    ['x'.repeat(100), 'sek'],
    ['9'.repeat(400), 'sek'],
  ])('"%s" (%s) is not read as a number, so the learner is asked again', (typed, unit) => {
    expect(parseNumber(typed, unit, 'sv')).toBeNull();
    expect(parseNumber(typed, unit, 'en')).toBeNull();
  });
});
