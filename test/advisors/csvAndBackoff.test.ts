import { toCsv } from '../../adapters/advisor/csv';
import { retryDelayMs } from '../../bot/outbox/backoff';

describe('CSV for spreadsheets', () => {
  test('starts with a UTF-8 byte order mark, quotes every cell and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['Åsa', 'Vätterhjul "AB"'],
        [3, undefined],
      ]),
    ).toBe('\uFEFF"Åsa","Vätterhjul ""AB"""\r\n"3",""\r\n');
  });

  test.each(['=1+1', '+46 70', '-2', '@SUM(A1)', '\tTAB', '\rCR'])('a text cell starting like a formula (%j) is kept as text', (cell) => {
    expect(toCsv([[cell]])).toBe(`\uFEFF"'${cell.replace(/"/g, '""')}"\r\n`);
  });

  test('numbers the bot wrote itself are left as numbers', () => {
    expect(toCsv([[-2]])).toBe('\uFEFF"-2"\r\n');
  });
});

describe('back-off of failed deliveries', () => {
  test('doubles from about 2 s, never beyond 15 minutes, and never sooner than Retry-After', () => {
    const middle = () => 0.5;
    expect(retryDelayMs(1, 0, middle)).toBe(1500);
    expect(retryDelayMs(2, 0, middle)).toBe(3000);
    expect(retryDelayMs(20, 0, middle)).toBe(675_000);
    expect(retryDelayMs(1, 30_000, middle)).toBe(30_000);
    expect(retryDelayMs(3, 0, () => 1)).toBe(8000);
  });
});
