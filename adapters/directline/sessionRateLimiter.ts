import type { Request } from 'restify';

export interface SessionRateLimiterOptions {
  /** Sessions and conversation starts allowed per client within `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy: boolean;
  readonly now?: () => number;
}

/**
 * Limits how often one client may start web-chat sessions and conversations, so a script cannot make the
 * bot greet (and, once it answers, store) learners without end. Counted per client address in fixed
 * windows in process memory: a guard against floods, not learner state.
 */
export class SessionRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly now: () => number;

  constructor(private readonly options: SessionRateLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one request; returns the seconds to wait when the client is over its limit, else 0. */
  take(req: Request): number {
    const now = this.now();
    const key = this.clientOf(req);
    const current = this.windows.get(key);
    const window = current && now - current.start < this.options.windowMs ? current : { start: now, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    if (this.windows.size > 10_000) this.forgetExpired(now);
    return window.count > this.options.limit ? Math.ceil((window.start + this.options.windowMs - now) / 1000) : 0;
  }

  private clientOf(req: Request): string {
    const forwarded = this.options.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || req.socket?.remoteAddress || 'unknown';
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.options.windowMs) this.windows.delete(key);
  }
}
