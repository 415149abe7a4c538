import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config';

export type { TrustProxy } from '../config';

/**
 * Reads the client's address the way the `proxy-addr` package (Express's) does: X-Forwarded-For is read from the
 * right, past the trusted proxies only, so a client cannot choose its address by writing the header itself.
 */
export function clientAddressReader(trust: TrustProxy): (req: IncomingMessage) => string {
  if (trust === false || trust === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trusted = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyaddr.compile([...trust]);
  return (req) => proxyaddr(req, trusted);
}

/**
 * The group an address is counted in: an IPv4 address alone, an IPv6 address by its /64 network (one household or
 * office gets a whole /64 and could otherwise rotate through it).
 */
export function addressGroup(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${parsed.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}
