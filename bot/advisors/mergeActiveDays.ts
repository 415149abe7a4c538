/** Most distinct active days an entry keeps (the newest). */
export const MAX_ACTIVE_DAYS = 2000;

/** The union of two lists of YYYY-MM-DD days, sorted, the newest MAX_ACTIVE_DAYS kept. */
export function mergeActiveDays(earlier: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...earlier, ...added])].sort().slice(-MAX_ACTIVE_DAYS);
}
