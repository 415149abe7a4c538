import type { Request, Response } from 'restify';

import type { WebChatTokenPayload, WebChatTokens } from './webChatTokens';

/** Error codes in `{ error: { code, message } }` bodies, as the Direct Line service names them. */
export type DirectLineErrorCode = 'Unauthorized' | 'TokenExpired' | 'Forbidden' | 'NotFound' | 'BadArgument' | 'BotError' | 'TooManyRequests';

/** A refused request: the HTTP status and the body to answer with. */
export interface DirectLineRefusal {
  readonly status: number;
  readonly code: DirectLineErrorCode;
  readonly message: string;
}

/** Answers with `{ error: { code, message } }`. */
export function sendDirectLineError(res: Response, refusal: DirectLineRefusal): void {
  res.header('Cache-Control', 'no-store');
  res.send(refusal.status, { error: { code: refusal.code, message: refusal.message } });
}

/** Answers with a JSON body that must not be cached (tokens, activities). */
export function sendNoStore(res: Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}

/**
 * The token from `Authorization: Bearer <token>`, checked. Missing, malformed or forged tokens are 401;
 * an expired one is 403 TokenExpired, which is what Direct Line clients treat as "refresh or reconnect".
 */
export function authenticate(req: Request, tokens: WebChatTokens): WebChatTokenPayload | DirectLineRefusal {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return { status: 401, code: 'Unauthorized', message: 'A Bearer token is required.' };
  const check = tokens.verify(match[1]);
  if (check.ok) return check.payload;
  if (check.reason === 'expired') return { status: 403, code: 'TokenExpired', message: 'The token has expired; refresh it or start a new session.' };
  return { status: 401, code: 'Unauthorized', message: 'The token is not valid.' };
}

export function isRefusal(value: WebChatTokenPayload | DirectLineRefusal): value is DirectLineRefusal {
  return 'status' in value;
}

/** The request body as a JSON value, whatever the body parser made of it (nothing, a string, an object). */
export function jsonBody(req: Request): unknown {
  const body: unknown = req.body;
  if (typeof body === 'string') {
    if (body.trim() === '') return undefined;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return undefined;
    }
  }
  if (Buffer.isBuffer(body)) return jsonBody({ body: body.toString('utf8') } as Request);
  return body;
}

/** The `watermark` query parameter as a number, or undefined when it is absent, empty or not a number. */
export function watermarkOf(req: Request): number | undefined {
  const raw = new URLSearchParams(req.getQuery()).get('watermark');
  return raw && /^\d{1,16}$/.test(raw) ? Number(raw) : undefined;
}
