/** Tries of one delivery before it is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;

const BASE_MS = 2_000;
const MAX_MS = 15 * 60_000;

/**
 * When to try again after `attempts` failed tries: exponential from 2 s to at most 15 minutes, with jitter so that
 * instances do not retry in step, and never sooner than the channel asked (Retry-After).
 */
export function retryDelayMs(attempts: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs, Math.round(exponential * (0.5 + random() / 2)));
}
