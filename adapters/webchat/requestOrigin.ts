import type { Request } from 'restify';

/** The origin of the page a request comes from: its `Origin` header, else its `Referer`'s origin; null when neither says. */
export function requestOrigin(req: Request): string | null {
  for (const header of [req.headers.origin, req.headers.referer]) {
    if (typeof header !== 'string' || header === '' || header === 'null') continue;
    try {
      return new URL(header).origin;
    } catch {
      return null;
    }
  }
  return null;
}

/** Whether an origin is the bot's own (the host the request was sent to). */
export function isOwnOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
