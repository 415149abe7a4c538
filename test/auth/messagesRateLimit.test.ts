import type { Request } from 'restify';
import { MessagesRateLimit } from '../../adapters/botframework/messagesRateLimit';

function request(address: string, forwardedFor?: string): Request {
  return {
    socket: { remoteAddress: address },
    connection: { remoteAddress: address },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as Request;
}

describe('the /api/messages limit while it is unauthenticated, behind a proxy', () => {
  it('counts the client the trusted proxy names, whatever the client wrote in front of it', async () => {
    const limit = new MessagesRateLimit(3, 1);
    const proxy = '10.0.0.1';
    const spoofing = Array.from({ length: 4 }, (_, attempt) => request(proxy, `198.51.100.${attempt}, 203.0.113.7`));
    const waits = [];
    for (const req of spoofing) waits.push(await limit.take(req));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);
    expect(await limit.take(request(proxy, '203.0.113.8'))).toBe(0);
  });

  it('without a trusted proxy, ignores X-Forwarded-For and counts the connection, an IPv6 client by its /64', async () => {
    const limit = new MessagesRateLimit(2);
    expect(await limit.take(request('2001:db8:1:2::1', '203.0.113.1'))).toBe(0);
    expect(await limit.take(request('2001:db8:1:2::2', '203.0.113.2'))).toBe(0);
    expect(await limit.take(request('2001:db8:1:2::3'))).toBeGreaterThan(0);
    expect(await limit.take(request('2001:db8:1:3::1'))).toBe(0);
  });
});
