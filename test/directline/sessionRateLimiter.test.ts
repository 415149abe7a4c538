import type { Request } from 'restify';
import { SessionRateLimiter } from '../../adapters/directline/sessionRateLimiter';

function request(address: string, forwardedFor?: string): Request {
  return { socket: { remoteAddress: address }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as unknown as Request;
}

describe('the web-chat session limiter', () => {
  let now = 0;
  const limiter = (trustProxy = false) => new SessionRateLimiter({ limit: 3, windowMs: 60_000, trustProxy, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a client start up to the limit in a window, then says how long to wait, then lets it start again', () => {
    const limit = limiter();
    expect([1, 2, 3].map(() => limit.take(request('10.0.0.1')))).toEqual([0, 0, 0]);
    now += 20_000;
    expect(limit.take(request('10.0.0.1'))).toBe(40);
    expect(limit.take(request('10.0.0.2'))).toBe(0);
    now += 40_000;
    expect(limit.take(request('10.0.0.1'))).toBe(0);
  });

  it('counts by X-Forwarded-For only when the proxy is trusted', () => {
    const trusting = limiter(true);
    const ignoring = limiter(false);
    for (const client of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']) {
      expect(trusting.take(request('127.0.0.1', `${client}, 127.0.0.1`))).toBe(0);
    }
    const results = ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'].map((client) => ignoring.take(request('127.0.0.1', client)));
    expect(results).toEqual([0, 0, 0, 60]);
  });
});
