/** A counter's state after counting: how many events its window holds and when that window ends. */
export interface RateCount {
  readonly count: number;
  /** Milliseconds since the epoch. */
  readonly resetsAt: number;
}

/**
 * Counters over a window that begins with the first event counted (and, once over, with the next one), shared by every
 * bot process on the same store (per process where the store is for one process): the web-chat session limiter and
 * the link-code failure limit. A counter lives as long as its window.
 */
export interface RateCounters {
  /** Counts one event under `key`; resolves with the count of the current window, this event included. */
  increment(key: string, windowMs: number, nowMs: number): Promise<RateCount>;
  /** The count of the current window under `key` (0 when none is open), without counting. */
  peek(key: string, nowMs: number): Promise<number>;
  close(): Promise<void>;
}
