import type { RateCount, RateCounters } from './ports/rateCounters';

/** A bound on memory: beyond it the oldest windows are forgotten (their keys start counting again). */
const MAX_WINDOWS = 200_000;
const SWEEP_AT_SIZE = 10_000;

/**
 * Rate counters in process memory: the default, and the embedded file store's (which serves one process, so a counter
 * here is as shared as it can be). A restart starts every window afresh.
 */
export class MemoryRateCounters implements RateCounters {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();
  private lastSweepAt = 0;

  async increment(key: string, windowMs: number, nowMs: number): Promise<RateCount> {
    const open = this.windows.get(key);
    const window = open && open.resetsAt > nowMs ? open : { count: 0, resetsAt: nowMs + windowMs };
    window.count += 1;
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > SWEEP_AT_SIZE) this.sweep(nowMs);
    return { ...window };
  }

  async peek(key: string, nowMs: number): Promise<number> {
    const window = this.windows.get(key);
    return window && window.resetsAt > nowMs ? window.count : 0;
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepAt < 1000 && this.windows.size <= MAX_WINDOWS) return;
    this.lastSweepAt = nowMs;
    for (const [key, window] of this.windows) if (window.resetsAt <= nowMs) this.windows.delete(key);
    for (const key of this.windows.keys()) {
      if (this.windows.size <= MAX_WINDOWS) break;
      this.windows.delete(key);
    }
  }
}
