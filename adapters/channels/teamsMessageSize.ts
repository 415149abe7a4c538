/**
 * Teams rejects a message whose activity is larger than about 28 KB. Cards are kept under this many bytes
 * of card JSON, which leaves room for the activity envelope around it.
 */
export const MAX_CARD_BYTES = 24 * 1024;

/** The UTF-8 size of a value as it travels in an activity (JSON). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Cuts text to at most `maxChars` characters (code points, never half a surrogate pair), ending with "…" when cut. */
export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars
    .slice(0, Math.max(0, maxChars - 1))
    .join('')
    .trimEnd()}…`;
}

const ANSWER_LIMITS = [1500, 800, 400, 200, 100, 50];

/**
 * Builds a card whose learner-written parts are cut to a limit, trying shorter limits until the card
 * fits within MAX_CARD_BYTES (the shortest is used if nothing fits).
 */
export function fitCard<T>(build: (answerLimit: number) => T): T {
  let card = build(ANSWER_LIMITS[0]!);
  for (const limit of ANSWER_LIMITS.slice(1)) {
    if (jsonBytes(card) <= MAX_CARD_BYTES) break;
    card = build(limit);
  }
  return card;
}
