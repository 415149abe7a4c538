import https from 'node:https';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions } from 'node:tls';

/**
 * Replaces Node's global HTTPS agent (the one MSAL uses) for the duration of a test: connections to the named
 * hosts go to local ports instead, 127.0.0.1 is reached as it is, the given certificate is the only one trusted,
 * and any other host fails at once, so no request leaves the machine. Returns the function that puts the original
 * agent back.
 */
export function routeHttpsLocally(trustedCert: string, routes: Readonly<Record<string, number>>): () => void {
  const original = https.globalAgent;
  const agent = new https.Agent({ keepAlive: false, ca: trustedCert });
  const createConnection = (options: ConnectionOptions, callback: (error: Error | null, socket?: Duplex) => void): Duplex | undefined => {
    const host = options.host ?? '';
    if (host === '127.0.0.1') return connect({ ...options, ca: trustedCert });
    const port = routes[host];
    if (port === undefined) {
      callback(new Error(`test network: no route to ${host}`));
      return undefined;
    }
    return connect({ ...options, host: '127.0.0.1', port, servername: host, ca: trustedCert });
  };
  Object.assign(agent, { createConnection });
  https.globalAgent = agent;
  return () => {
    https.globalAgent = original;
    agent.destroy();
  };
}
