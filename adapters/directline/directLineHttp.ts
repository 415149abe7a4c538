import type { Request, Response } from 'restify';

/** Error codes in `{ error: { code, message } }` bodies, as the Direct Line service names them. */
export type DirectLineErrorCode =
  | 'Unauthorized'
  | 'TokenExpired'
  | 'Forbidden'
  | 'NotFound'
  | 'BadArgument'
  | 'PayloadTooLarge'
  | 'BotError'
  | 'TooManyRequests'
  | 'ServiceUnavailable';

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

/** The token of `Authorization: Bearer <token>`, if the header has that form. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function isRefusal<T extends object>(value: T | DirectLineRefusal): value is DirectLineRefusal {
  return 'status' in value && 'code' in value;
}

/** The request body's size in bytes: as received, or (a chunked body the parser has read) as JSON. */
export function bodyBytes(req: Request): number {
  const raw: unknown = (req as Request & { rawBody?: unknown }).rawBody ?? req.body;
  if (typeof raw === 'string') return Buffer.byteLength(raw);
  if (Buffer.isBuffer(raw)) return raw.length;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > 0) return declared;
  return raw === undefined ? 0 : Buffer.byteLength(JSON.stringify(raw));
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
