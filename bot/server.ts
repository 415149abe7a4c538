import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from './logger';
import type { StoreHealth } from './ports/store';

export interface ServerOptions {
  readonly name: string;
  readonly version: string;
  /** Larger request bodies get 413. */
  readonly maxBodyBytes: number;
  readonly logger: Logger;
  readonly storeHealth: () => Promise<StoreHealth>;
}

/**
 * The HTTP server with the parts every route shares: JSON body parsing with a size limit (400 for
 * malformed JSON, 413 for oversized bodies, both as JSON with a clear message), and GET /healthz.
 */
export function createServer(options: ServerOptions): Server {
  const server = restify.createServer({
    name: options.name,
    version: options.version,
    handleUncaughtExceptions: false,
    // restify 12 logs through pino; its type definitions still name bunyan's logger.
    log: options.logger as unknown as restify.ServerOptions['log'],
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false, rejectUnknown: false }));

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) options.logger.error({ method: req.method, path: req.path(), err: error }, 'request failed');
    else options.logger.debug({ method: req.method, path: req.path(), status: error.statusCode, reason: error.message }, 'request refused');
    callback();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const store = await options.storeHealth().catch((error: unknown) => ({ ok: false, kind: 'unknown', detail: String(error) }));
    res.json(store.ok ? 200 : 503, { status: store.ok ? 'ok' : 'degraded', version: options.version, store });
  });
  return server;
}
