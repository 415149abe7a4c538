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

/** Damerau-Levenshtein distance (optimal string alignment), for tolerating small typos. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
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
