import restify, { type Request, type Response, type Server } from 'restify';
import { answerErrorsSafely } from './http/answerErrorsSafely';
import { guardConnections } from './http/connectionGuards';
import type { GracefulDrain } from './http/gracefulDrain';
import { jsonBodyParser } from './http/jsonBodyParser';
import { securityHeaders } from './http/securityHeaders';
import type { Logger } from './logger';
import type { StoreHealth } from './ports/store';

/** Deepest nesting of objects and arrays a JSON body may have; a Teams activity nests about eight levels. */
export const MAX_JSON_BODY_DEPTH = 64;

export interface ServerOptions {
  readonly name: string;
  readonly version: string;
  /** Larger request bodies get 413. */
  readonly maxBodyBytes: number;
  /** Headers and body must have arrived within this long (408 otherwise). */
  readonly requestTimeoutMs: number;
  /** Open connections allowed per client address (0: no cap). */
  readonly maxConnectionsPerAddress: number;
  /** The bot is served over https: responses carry HSTS. */
  readonly https: boolean;
  /** Refuses requests once a shutdown has begun, and tells when those in progress have finished. */
  readonly drain: GracefulDrain;
  readonly logger: Logger;
  readonly storeHealth: () => Promise<StoreHealth>;
}

/**
 * The HTTP server with the parts every route shares: security headers on every response, bounded JSON bodies (413
 * past the size, 400 for malformed or too deeply nested JSON), request timeouts and a per-address connection cap,
 * errors answered without internal text, the shutdown drain, and GET /healthz.
 */
export function createServer(options: ServerOptions): Server {
  const server = restify.createServer({
    name: options.name,
    version: options.version,
    handleUncaughtExceptions: false,
    // restify 12 logs through pino; its type definitions still name bunyan's logger.
    log: options.logger as unknown as restify.ServerOptions['log'],
  });
  guardConnections(server.server, {
    requestTimeoutMs: options.requestTimeoutMs,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress,
    logger: options.logger,
  });
  server.pre(securityHeaders({ https: options.https }));
  server.pre(options.drain.handler);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBodyParser({ maxBodyBytes: options.maxBodyBytes, maxDepth: MAX_JSON_BODY_DEPTH }));
  answerErrorsSafely(server, options.logger);

  server.get('/healthz', async (_req: Request, res: Response) => {
    const store = await options.storeHealth().catch((): StoreHealth => ({ ok: false, kind: 'unknown' }));
    if (!store.ok) options.logger.warn({ store }, 'health check: the store is not available');
    res.header('Cache-Control', 'no-store');
    res.json(store.ok ? 200 : 503, { status: store.ok ? 'ok' : 'degraded', version: options.version, store: { ok: store.ok, kind: store.kind } });
  });
  return server;
}
