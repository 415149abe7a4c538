import type { Server as HttpServer } from 'node:http';
import type { Next, Request, RequestHandler, Response } from 'restify';

/** How a drain ended. */
export interface DrainOutcome {
  /** Requests that were in progress when the drain began. */
  readonly inFlightAtStart: number;
  /** Of those, how many had not finished when the grace period ran out (their connections were closed). */
  readonly cutOff: number;
  readonly durationMs: number;
}

/**
 * Shutting down without cutting anyone off: once a drain begins, every new request gets 503 with `Connection: close`
 * (/healthz too, so a load balancer stops routing here), idle kept-alive connections are closed, and the requests in
 * progress may finish, up to the grace period, with `Connection: close`. Then the server stops listening. It keeps
 * listening until then so that a client or health check that reaches it is told 503, not refused at the socket.
 */
export class GracefulDrain {
  private readonly inFlight = new Set<Response>();
  private draining = false;
  private idle: (() => void) | null = null;

  get isDraining(): boolean {
    return this.draining;
  }

  /** The first handler of every request: counts it, or refuses it once the drain has begun. */
  readonly handler: RequestHandler = (_req: Request, res: Response, next: Next) => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '5');
      res.json(503, { code: 'ShuttingDown', message: 'This server is shutting down; try again shortly.' });
      return next(false);
    }
    this.inFlight.add(res);
    res.once('close', () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.idle?.();
    });
    next();
  };

  /** Begins the drain and resolves when the requests in progress have finished or `graceMs` has passed. */
  async drain(server: HttpServer, graceMs: number): Promise<DrainOutcome> {
    const started = performance.now();
    this.draining = true;
    const inFlightAtStart = this.inFlight.size;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    server.closeIdleConnections();
    if (this.inFlight.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const cutOff = this.inFlight.size;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    return { inFlightAtStart, cutOff, durationMs: Math.round(performance.now() - started) };
  }
}
