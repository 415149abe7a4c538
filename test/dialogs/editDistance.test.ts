import { editDistance } from '../../dialogs/normalizeInput';

/** The textbook table of optimal string alignment, to check the three-row version against. */
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('the edit distance used for typos', () => {
  test.each([
    ['', '', 0],
    ['', 'meny', 4],
    ['hjalp', '', 5],
    ['menu', 'menu', 0],
    ['mneu', 'menu', 1],
    ['kitten', 'sitting', 3],
    ['radgivare', 'radgivre', 1],
    // Optimal string alignment edits no substring twice: "ca" → "abc" is 3, not 2.
    ['ca', 'abc', 3],
  ])('%j to %j is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  test('agrees with the full table on many random pairs of short words', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const word = () => Array.from({ length: Math.floor(random() * 9) }, () => 'abcde'[Math.floor(random() * 5)]).join('');
    for (let pair = 0; pair < 2000; pair++) {
      const [a, b] = [word(), word()];
      expect([a, b, editDistance(a, b)]).toEqual([a, b, tableDistance(a, b)]);
    }
  });
});
