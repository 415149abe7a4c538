/** Lower case, without diacritics, punctuation or extra spaces: "  Hjälp! " → "hjalp". */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}\s,]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Damerau-Levenshtein distance (optimal string alignment), for tolerating small typos. It runs for every typed message
 * against every command phrase, so it keeps three rows of numbers rather than a whole table.
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let beforePrevious = new Uint32Array(cols);
  let previous = Uint32Array.from({ length: cols }, (_, j) => j);
  let current = new Uint32Array(cols);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

/**
 * True when `input` is `phrase` give or take a small typo: one edit, two for long phrases. Short phrases
 * only tolerate a swapped or mistyped letter, so a short word ("men") does not read as another ("menu").
 */
export function isCloseTo(input: string, phrase: string): boolean {
  if (input === phrase) return true;
  if (phrase.length < 4) return false;
  if (phrase.length < 5 && input.length !== phrase.length) return false;
  const allowed = phrase.length >= 10 ? 2 : 1;
  return Math.abs(input.length - phrase.length) <= allowed && editDistance(input, phrase) <= allowed;
}
