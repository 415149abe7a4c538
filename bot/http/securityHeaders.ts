import type { Next, Request, RequestHandler, Response } from 'restify';

export interface SecurityHeaderOptions {
  /** The bot is served over https (PUBLIC_URL): browsers are told to use nothing else for a year. */
  readonly https: boolean;
}

/**
 * Headers every response carries, pages and JSON alike, set before routing so that 404s and errors have them too.
 * A route may still choose its own Referrer-Policy (it overwrites this one).
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  return (_req: Request, res: Response, next: Next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
