import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger';

export interface ConnectionGuardOptions {
  /** Headers and body must have arrived within this long, or the client gets 408 and the connection is closed. */
  readonly requestTimeoutMs: number;
  /** Open connections allowed from one address (0: no cap). */
  readonly maxConnectionsPerAddress: number;
  readonly logger: Logger;
}

/**
 * Bounds what one slow or greedy client can hold: Node's header and request timeouts (checked every second, not every
 * 30 s as by default, so a timeout means what it says) and a cap on simultaneous connections per address. A
 * connection over the cap is answered 429 and closed before any request on it is read.
 */
export function guardConnections(server: HttpServer, options: ConnectionGuardOptions): void {
  server.headersTimeout = options.requestTimeoutMs;
  server.requestTimeout = options.requestTimeoutMs;
  // Read when the server starts listening; the option exists since Node 18.12 but is missing from @types/node.
  (server as HttpServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(1000, options.requestTimeoutMs);
  if (options.maxConnectionsPerAddress <= 0) return;

  const open = new Map<string, number>();
  let refusedSinceLog = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > options.maxConnectionsPerAddress) {
      if (refusedSinceLog++ === 0)
        options.logger.warn({ address, limit: options.maxConnectionsPerAddress }, 'connections refused: too many from one address');
      socket.pause();
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\nRetry-After: 1\r\n\r\n');
      socket.destroySoon();
      return;
    }
    refusedSinceLog = 0;
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
