import { randomUUID } from 'node:crypto';
import { StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { zodIssueLines } from '../../curriculum/zodIssues';
import { boundedJson } from '../../bot/channel/boundedJson';
import { MAX_INBOUND_TEXT_CHARS } from '../../bot/channel/limits';
import { DeliveryStillRunningError, type ExactlyOnce } from '../../bot/exactlyOnce';
import type { Logger } from '../../bot/logger';
import type { ProgrammeCloudAdapter } from './createCloudAdapter';
import type { MessagesRateLimit } from './messagesRateLimit';
import { SigningKeysUnavailableError } from './signingKeys';
import { withinRequestBudget } from '../../bot/requestBudget';

/** Longest `value` or `channelData` accepted, as JSON: a Teams card submit or channelData is a few kilobytes. */
const MAX_PAYLOAD_CHARS = 64 * 1024;

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
  value: boundedJson(MAX_PAYLOAD_CHARS).optional(),
  channelData: boundedJson(MAX_PAYLOAD_CHARS).optional(),
});

/** What the route answers a delivery with; a redelivery gets the same. */
interface DeliveryAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export interface MessagesRouteOptions {
  readonly adapter: ProgrammeCloudAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** Runs each delivery once; a redelivered activity id gets the first answer. */
  readonly deliveries: ExactlyOnce;
  /** Longest the store may take over all the operations of one request (see requestBudget.ts); none when absent. */
  readonly storeBudgetMs?: number;
  /** Limits requests per client address while the endpoint is unauthenticated (none when absent). */
  readonly rateLimit?: MessagesRateLimit;
  readonly logger: Logger;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.header('Cache-Control', 'no-store');
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
 * Replies returned in the response (deliveryMode expectReplies) get ids here, as the connector gives ids to replies
 * it sends, so a redelivery's response can be told to be the same replies.
 */
function withReplyIds(logic: (context: TurnContext) => Promise<void>): (context: TurnContext) => Promise<void> {
  return async (context) => {
    if (context.activity.deliveryMode === 'expectReplies') {
      context.onSendActivities(async (_context, activities, next) => {
        for (const activity of activities) activity.id ??= randomUUID();
        return next();
      });
    }
    await logic(context);
  };
}

/**
 * POST /api/messages: the Bot Framework endpoint (Teams and Azure Bot Service channels). In order: the per-address
 * limit (unauthenticated endpoint only), the body (415 for non-JSON, 400 naming what is missing or too large), the
 * channel's token (401, or 503 with Retry-After while the signing keys cannot be fetched), then the turn, once per
 * (channel, conversation, activity id): a redelivery gets the original answer. Errors are answered here rather than by
 * the SDK's own handler, which prints them with console.error and puts the internal message in the response body.
 */
export function registerMessagesRoute(server: Server, options: MessagesRouteOptions): void {
  const { adapter, deliveries, logger } = options;
  const logic = withReplyIds(options.logic);

  const handle = async (req: Request, res: Response) => {
    const wait = (await options.rateLimit?.take(req)) ?? 0;
    if (wait > 0) {
      res.header('Retry-After', String(wait));
      refuse(res, 429, 'TooManyRequests', `Too many requests from this address; try again in ${wait} s.`);
      return;
    }
    if (!req.is('application/json')) {
      refuse(res, 415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
      return;
    }
    const parsed = channelActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      refuse(res, 400, 'BadActivity', `Not a valid activity: ${zodIssueLines(parsed.error, 'body').join('; ')}`);
      return;
    }
    const activity = withDateTimestamps(parsed.data);
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const authenticated: AuthenticateRequestResult = await adapter.authenticate(authorization, activity);
      // Typing indicators change nothing and are not worth a record; everything else is run once.
      const key =
        activity.id && activity.type !== 'typing'
          ? { channel: activity.channelId, conversationId: activity.conversation.id, activityId: activity.id }
          : null;
      const { value: answer } = await deliveries.run<DeliveryAnswer>(
        key,
        async () => {
          const invokeResponse = await adapter.runTurn(authenticated, activity, logic);
          return { status: invokeResponse?.status ?? StatusCodes.OK, ...(invokeResponse?.body === undefined ? {} : { body: invokeResponse.body }) };
        },
        (answered) => answered.status < 500,
      );
      if (answer.body === undefined) res.send(answer.status);
      else res.json(answer.status, answer.body);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        logger.info({ reason: error.message }, 'Bot Framework request refused');
        refuse(res, 401, 'Unauthorized', 'The request is not authorised.');
        return;
      }
      if (error instanceof SigningKeysUnavailableError) {
        res.header('Retry-After', String(error.retryAfterSeconds));
        refuse(res, 503, 'ServiceUnavailable', 'The bot cannot check the request’s credentials right now; try again shortly.');
        return;
      }
      if (error instanceof DeliveryStillRunningError) {
        res.header('Retry-After', '2');
        refuse(res, 503, 'StillRunning', 'This activity is still being handled; try again shortly.');
        return;
      }
      logger.error({ err: error }, 'Bot Framework request failed');
      refuse(res, 500, 'InternalError', 'The bot could not handle this activity.');
    }
  };
  const budgetMs = options.storeBudgetMs;
  server.post(
    '/api/messages',
    budgetMs === undefined ? handle : async (req: Request, res: Response) => withinRequestBudget(budgetMs, () => handle(req, res)),
  );
}
