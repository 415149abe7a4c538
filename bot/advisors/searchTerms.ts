/** The words of a text as the cohort search compares them: lower case, without diacritics (å → a), letters and digits only. */
export function searchTerms(...texts: readonly (string | undefined)[]): string[] {
  const words = texts.flatMap((text) =>
    (text ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  return [...new Set(words)].slice(0, 100);
}
