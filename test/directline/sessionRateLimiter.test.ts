import type { IncomingMessage } from 'node:http';
import { addressGroup } from '../../bot/http/clientAddress';
import { SessionRateLimiter } from '../../adapters/directline/sessionRateLimiter';
import type { TrustProxy } from '../../bot/config';
import { MemoryRateCounters } from '../../bot/memoryRateCounters';

function request(address: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: address },
    connection: { remoteAddress: address },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('the web-chat session limiter', () => {
  let now = 0;
  const limiter = (trustProxy: TrustProxy = false, newLearnersPerMinute = 3) =>
    new SessionRateLimiter({ counters: new MemoryRateCounters(), newLearnersPerMinute, trustProxy, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets an address start new learners up to the limit in a minute, then says how long to wait, then lets it start again', async () => {
    const limit = limiter();
    for (let started = 0; started < 3; started += 1) expect(await limit.newLearner(request('10.0.0.1'))).toBe(0);
    now += 20_000;
    expect(await limit.newLearner(request('10.0.0.1'))).toBe(40);
    expect(await limit.newLearner(request('10.0.0.2'))).toBe(0);
    now += 40_000;
    expect(await limit.newLearner(request('10.0.0.1'))).toBe(0);
  });

  it('counts returning learners and conversation starts per learner, never against the address', async () => {
    const limit = limiter();
    for (let started = 0; started < 3; started += 1) await limit.newLearner(request('10.0.0.1'));
    expect(await limit.newLearner(request('10.0.0.1'))).toBeGreaterThan(0);

    const returning = await Promise.all(Array.from({ length: 100 }, (_, learner) => limit.resume(`wl_learner_${learner}`)));
    expect(returning.every((wait) => wait === 0)).toBe(true);
    for (let start = 0; start < 30; start += 1) expect(await limit.conversationStart('wl_one')).toBe(0);
    expect(await limit.conversationStart('wl_one')).toBeGreaterThan(0);
    expect(await limit.conversationStart('wl_another')).toBe(0);
  });

  it('without a trusted proxy, a client that writes X-Forwarded-For is still counted by its own address', async () => {
    const limit = limiter(false);
    const results = [];
    for (const claimed of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']) results.push(await limit.newLearner(request('203.0.113.9', claimed)));
    expect(results).toEqual([0, 0, 0, 60]);
  });

  it('behind one trusted proxy, the address the proxy saw counts, not what the client put first in the header', async () => {
    const limit = limiter(1);
    const results = [];
    // The client forges a new first entry each time; the proxy appends the address it really saw.
    for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'])
      results.push(await limit.newLearner(request('10.0.0.5', `${forged}, 198.51.100.7`)));
    expect(results).toEqual([0, 0, 0, 60]);
    expect(await limit.newLearner(request('10.0.0.5', '198.51.100.8'))).toBe(0);
  });

  it('with a list of trusted proxies, the first address from the right that is not one of them counts', async () => {
    const limit = limiter(['10.0.0.0/8'], 1);
    expect(await limit.newLearner(request('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.1.2.3'))).toBe(0);
    expect(await limit.newLearner(request('10.0.0.6', '7.7.7.7, 198.51.100.7'))).toBeGreaterThan(0);
    // A client that talks to the bot directly is not a trusted proxy: its header is ignored.
    expect(await limit.newLearner(request('198.51.100.9', '8.8.8.8'))).toBe(0);
    expect(await limit.newLearner(request('198.51.100.9', '9.9.9.9'))).toBeGreaterThan(0);
  });

  it('counts IPv6 clients by their /64 network, and IPv4 written as IPv6 as IPv4', () => {
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe(addressGroup('2001:db8:1:2:bbbb::2'));
    expect(addressGroup('2001:db8:1:2::1')).not.toBe(addressGroup('2001:db8:1:3::1'));
    expect(addressGroup('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });
});
