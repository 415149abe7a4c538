import type { Request } from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { addressGroup, clientAddressReader, type TrustProxy } from '../../bot/http/clientAddress';

/**
 * Requests to /api/messages per client address per minute, for when the endpoint is unauthenticated (no app id):
 * then anyone who can reach it can act as any Teams user, and every new sender creates a learner. Counted in this
 * process's memory (rate-limiter-flexible), so the bound is per instance; it keeps one small entry per address seen
 * within the last minute. The client's address is read past the trusted proxies only (TRUST_PROXY), as the web chat's
 * limiter reads it, and an IPv6 address counts by its /64.
 */
export class MessagesRateLimit {
  private readonly limiter: RateLimiterMemory;
  private readonly clientAddress: (req: Request) => string;

  constructor(perMinute: number, trustProxy: TrustProxy = false) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
    this.clientAddress = clientAddressReader(trustProxy);
  }

  /** Counts the request; the seconds to wait when its address is over the limit, else 0. */
  async take(req: Request): Promise<number> {
    try {
      await this.limiter.consume(addressGroup(this.clientAddress(req)));
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }
}
