import type { RateCounters } from './ports/rateCounters';
import { createHash, randomInt } from 'node:crypto';

/** How long a link code can be used after it is shown. */
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

/** No 0/O, 1/I: codes are read off one screen and typed into another. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;
/** At least this many digits, so an ordinary word is never mistaken for a code. */
const MIN_DIGITS = 2;

function digitCount(code: string): number {
  return [...code].filter((c) => c >= '2' && c <= '9').length;
}

/** A fresh random code (40 bits from crypto), shown as "ABCD-2F7K". */
export function newLinkCode(): string {
  for (;;) {
    const code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (digitCount(code) >= MIN_DIGITS) return `${code.slice(0, 4)}-${code.slice(4)}`;
  }
}

/** The code in a typed message ("abcd 2f7k", "ABCD-2F7K"), normalised, or null if the message is not a code. */
export function readLinkCode(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return digitCount(compact) >= MIN_DIGITS ? compact : null;
}

/** Codes are stored only as this hash. */
export function hashLinkCode(code: string): string {
  return createHash('sha256').update(code.replace(/-/g, '').toUpperCase(), 'utf8').digest('hex');
}

/**
 * Failed redemptions per identity: after `maxFailures` within `windowMs` of the first failure the identity must wait
 * until that window is over. Counted in the store's rate counters, so every bot process counts together: a bound on
 * guessing (a 40-bit code that lives 10 minutes), not learner state.
 */
export class LinkAttemptLimiter {
  constructor(
    private readonly counters: RateCounters,
    private readonly maxFailures = 5,
    private readonly windowMs = LINK_CODE_TTL_MS,
  ) {}

  async isBlocked(key: string, now: number): Promise<boolean> {
    return (await this.counters.peek(counterKey(key), now)) >= this.maxFailures;
  }

  async recordFailure(key: string, now: number): Promise<void> {
    await this.counters.increment(counterKey(key), this.windowMs, now);
  }
}

function counterKey(identityKey: string): string {
  return `link-failures:${identityKey}`;
}
