import { STATUS_CODES } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { PublicHttpError } from './publicHttpError';

/** What a client is told for each status when the error's own text must not reach it. */
const FIXED_MESSAGES: Readonly<Record<number, string>> = {
  400: 'The request is not valid.',
  404: 'There is nothing at this address.',
  405: 'This address does not accept that method.',
  406: 'The requested content type is not available.',
  408: 'The request took too long to arrive.',
  413: 'The request body is too large.',
  415: 'This content type is not accepted.',
  429: 'Too many requests; try again later.',
  500: 'Something went wrong on our side.',
  503: 'The service is unavailable; try again shortly.',
};

type ErrorWithStatus = Error & { statusCode?: unknown; body?: { code?: unknown } };

/**
 * Every error restify answers on its own (no route, a wrong method, a body that cannot be read, a handler that
 * threw) gets `{ code, message }` with a fixed message for its status, or a PublicHttpError's own message: never
 * an error's text, which can carry a stack, a library's internals or the raw request path (restify's 404 echoes it).
 */
export function answerErrorsSafely(server: Server, logger: Logger): void {
  server.on('restifyError', (req: Request, res: Response, error: ErrorWithStatus, callback: () => void) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) logger.error({ method: req.method, path: req.path(), err: error }, 'request failed');
    else logger.debug({ method: req.method, path: req.path(), status, reason: error.message }, 'request refused');
    if (!res.headersSent) {
      const { code, message } = publicFace(error, status);
      res.header('Cache-Control', 'no-store');
      res.json(status, { code, message });
    }
    callback();
  });
}

function publicFace(error: ErrorWithStatus, status: number): { code: string; message: string } {
  if (error instanceof PublicHttpError) return { code: error.code, message: error.message };
  const restifyCode = typeof error.body?.code === 'string' && status < 500 ? error.body.code : undefined;
  const code = restifyCode ?? (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '');
  return { code, message: FIXED_MESSAGES[status] ?? STATUS_CODES[status] ?? 'The request failed.' };
}
