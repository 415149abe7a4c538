import type { Request, Response } from 'restify';
import { StoreUnavailableError } from '../../bot/ports/store';
import { withinRequestBudget } from '../../bot/requestBudget';
import { sendDirectLineError } from './directLineHttp';

/** Seconds a client is asked to wait when the store cannot be reached. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A route handler whose failures are answered without internal error text: 503 with Retry-After when the store cannot
 * be reached (the page retries), 500 otherwise; both are logged. With `storeBudgetMs`, the store operations of one
 * request take that long at most in all (requestBudget.ts).
 */
export function guarded(
  handler: (req: Request, res: Response) => Promise<void>,
  storeBudgetMs?: number,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await (storeBudgetMs === undefined ? handler(req, res) : withinRequestBudget(storeBudgetMs, () => handler(req, res)));
    } catch (error) {
      if (res.headersSent) throw error;
      if (error instanceof StoreUnavailableError) {
        req.log?.warn({ err: error, path: req.path() }, 'web chat: store unavailable');
        res.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return sendDirectLineError(res, {
          status: 503,
          code: 'ServiceUnavailable',
          message: 'The chat cannot reach its storage right now; try again in a moment.',
        });
      }
      req.log?.error({ err: error, path: req.path() }, 'web chat: request failed');
      sendDirectLineError(res, { status: 500, code: 'BotError', message: 'The request could not be handled.' });
    }
  };
}
