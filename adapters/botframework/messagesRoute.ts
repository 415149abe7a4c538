import { StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { zodIssueLines } from '../../curriculum/zodIssues';
import { MAX_INBOUND_TEXT_CHARS } from '../../bot/channel/limits';
import type { Logger } from '../../bot/logger';
import type { ProgrammeCloudAdapter } from './createCloudAdapter';

/** The least an activity must carry for the bot to answer it. Everything else passes through untouched. */
const channelActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }),
  text: z.string().max(MAX_INBOUND_TEXT_CHARS).optional(),
});

function refuse(res: Response, status: number, code: string, message: string): void {
  res.json(status, { code, message });
}

/** Timestamps as Dates with the raw strings kept, as the SDK's own request handler delivers them. */
function withDateTimestamps(activity: Record<string, unknown>): Activity {
  const copy: Record<string, unknown> = { ...activity };
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = copy[field];
    if (typeof value === 'string') {
      copy[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      copy[field] = new Date(value);
    }
  }
  return copy as unknown as Activity;
}

/**
 * POST /api/messages: the Bot Framework endpoint (Teams and Azure Bot Service channels). The request is checked
 * before the adapter sees it, so a malformed activity gets 400 saying what is missing. Authentication is the
 * adapter's (on whenever an app id is configured). Errors are answered here rather than by the SDK's own handler,
 * which prints them with console.error and puts the internal message in the response body.
 */
export function registerMessagesRoute(
  server: Server,
  adapter: ProgrammeCloudAdapter,
  logic: (context: TurnContext) => Promise<void>,
  logger: Logger,
): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('application/json')) {
      refuse(res, 415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
      return;
    }
    const parsed = channelActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      refuse(res, 400, 'BadActivity', `Not a valid activity: ${zodIssueLines(parsed.error, 'body').join('; ')}`);
      return;
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const invokeResponse = await adapter.runTurn(authorization, withDateTimestamps(parsed.data), logic);
      if (invokeResponse?.body === undefined) res.send(invokeResponse?.status ?? StatusCodes.OK);
      else res.json(invokeResponse.status, invokeResponse.body);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        logger.info({ reason: error.message }, 'Bot Framework request refused');
        refuse(res, 401, 'Unauthorized', 'The request is not authorised.');
        return;
      }
      logger.error({ err: error }, 'Bot Framework request failed');
      refuse(res, 500, 'InternalError', 'The bot could not handle this activity.');
    }
  });
}
