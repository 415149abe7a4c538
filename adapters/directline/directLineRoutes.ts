import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';

import type { InboundActivity } from '../../bot/channel/activity';
import { DeliveryStillRunningError, type ExactlyOnce } from '../../bot/exactlyOnce';
import { StoreUnavailableError } from '../../bot/ports/store';
import { zodIssueLines } from '../../curriculum/zodIssues';
import { DIRECT_LINE_CHANNEL_ID, DIRECT_LINE_SERVICE_URL, type DirectLineChannel } from './directLineChannel';
import { bearerToken, bodyBytes, isRefusal, jsonBody, sendDirectLineError, sendNoStore, watermarkOf, type DirectLineRefusal } from './directLineHttp';
import { guarded } from './guarded';
import { clientActivityIdOf, incomingActivitySchema, type IncomingActivity } from './incomingActivity';
import { registerSessionRoutes, type SessionRoutesOptions } from './sessionRoutes';
import { WEB_CHAT_LIMITS } from './webChatLimits';
import type { Authenticated } from './webChatSessions';

export type { SessionRequest } from './sessionRoutes';

/** What the Direct Line routes need. */
export interface DirectLineRoutesOptions extends SessionRoutesOptions {
  /** Runs the turns; its stream holds every conversation's activities. */
  readonly channel: DirectLineChannel;
  /**
   * Runs each posted activity once per (conversation, clientActivityID or id): a re-post gets the first answer, and
   * neither its echo nor the bot's replies appear in the stream again. Absent (unit tests), every post runs.
   */
  readonly deliveries?: ExactlyOnce;
  /** Told about bot failures that the route answers with 500 (default: the request logger). */
  readonly onError?: (error: unknown, activity: InboundActivity) => void;
}

/** The event an open page gets in place of its conversation once the learner's data has been deleted. */
export const CONVERSATION_ENDED_EVENT = 'svc/conversation-ended';

const startRequestSchema = z.object({ locale: z.string().min(2).max(35).optional() }).loose();

/**
 * A Direct Line 3.0 subset for the stock Web Chat widget (polling, no WebSocket), plus the session routes
 * (sessionRoutes.ts). The server decides identity: every posted activity gets `from.id` = the token's learnerKey,
 * whatever the client wrote there.
 *
 * - POST /v3/directline/conversations              → 201, starts the conversation (bot gets conversationUpdate)
 * - GET  /v3/directline/conversations/:id          → reconnect, no conversationUpdate
 * - GET  /v3/directline/conversations/:id/activities?watermark=N → { activities, watermark }
 * - POST /v3/directline/conversations/:id/activities → { id }, after the bot has handled it
 */
export function registerDirectLineRoutes(server: Server, options: DirectLineRoutesOptions): void {
  const { channel, sessions } = options;
  const stream = channel.stream;
  const botAccount = channel.account;
  registerSessionRoutes(server, options);
  server.pre(refuseOversizedActivities);

  const runTurn = async (
    req: Request,
    activity: InboundActivity,
    auth: Authenticated,
    echo?: Record<string, unknown> & { type: string },
    deliveryId?: string,
  ) => {
    try {
      return { echoId: await channel.process(activity, auth.claims.organisationId, echo, deliveryId) };
    } catch (error) {
      // The store is down: 503 with Retry-After (guarded), and the page sends the activity again.
      if (error instanceof StoreUnavailableError) throw error;
      if (options.onError) options.onError(error, activity);
      else req.log?.error({ err: error, activityType: activity.type }, 'Direct Line: the bot failed on an activity');
      return { status: 500, code: 'BotError', message: 'The bot failed while handling this activity.' } satisfies DirectLineRefusal;
    }
  };

  /**
   * The token's session if it may use this conversation: 403 for someone else's, 404 for an unknown one. A session
   * ended by "delete my data" may only read (and so learn that the conversation is gone).
   */
  const authorise = async (req: Request, access: 'read' | 'write'): Promise<Authenticated | DirectLineRefusal> => {
    const auth = await sessions.authenticate(bearerToken(req));
    if (isRefusal(auth)) return auth;
    if (auth.ended && access === 'write')
      return { status: 403, code: 'TokenExpired', message: 'This conversation has been deleted; start a new session.' };
    const requested: unknown = (req.params as Record<string, unknown> | undefined)?.conversationId;
    if (requested === undefined || requested === auth.claims.conversationId) return auth;
    return typeof requested === 'string' && (await stream.exists(requested))
      ? { status: 403, code: 'Forbidden', message: 'The token does not belong to this conversation.' }
      : { status: 404, code: 'NotFound', message: 'No such conversation.' };
  };

  /** What a conversation response carries: the token presented, as Direct Line answers a start or reconnect. */
  const conversationBody = (req: Request, auth: Authenticated) => ({
    conversationId: auth.claims.conversationId,
    token: bearerToken(req),
    expires_in: Math.max(0, auth.claims.exp - Math.floor(Date.now() / 1000)),
  });

  server.post(
    '/v3/directline/conversations',
    guarded(async (req: Request, res: Response) => {
      const auth = await authorise(req, 'write');
      if (isRefusal(auth)) return sendDirectLineError(res, auth);
      const wait = (await options.sessionLimiter?.conversationStart(auth.claims.learnerKey)) ?? 0;
      if (wait > 0) {
        res.header('Retry-After', String(wait));
        return sendDirectLineError(res, { status: 429, code: 'TooManyRequests', message: `Too many conversation starts; try again in ${wait} s.` });
      }
      const start = startRequestSchema.safeParse(jsonBody(req) ?? {});
      const failure = await runTurn(
        req,
        {
          type: 'conversationUpdate',
          id: `${auth.claims.conversationId}|start-${randomUUID()}`,
          channelId: DIRECT_LINE_CHANNEL_ID,
          conversation: { id: auth.claims.conversationId },
          from: { id: auth.claims.learnerKey, role: 'user' },
          recipient: botAccount,
          membersAdded: [{ id: auth.claims.learnerKey }],
          ...(start.success && start.data.locale ? { locale: start.data.locale } : {}),
        },
        auth,
      );
      if (isRefusal(failure)) return sendDirectLineError(res, failure);
      sendNoStore(res, 201, conversationBody(req, auth));
    }, options.storeBudgetMs),
  );

  server.get(
    '/v3/directline/conversations/:conversationId',
    guarded(async (req: Request, res: Response) => {
      const auth = await authorise(req, 'read');
      if (isRefusal(auth)) return sendDirectLineError(res, auth);
      sendNoStore(res, 200, conversationBody(req, auth));
    }, options.storeBudgetMs),
  );

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    guarded(async (req: Request, res: Response) => {
      const auth = await authorise(req, 'read');
      if (isRefusal(auth)) return sendDirectLineError(res, auth);
      const page = await stream.since(auth.claims.conversationId, watermarkOf(req));
      const activities = auth.ended ? [...page.activities, endedEvent(auth.claims.conversationId)] : page.activities;
      sendNoStore(res, 200, { activities, watermark: page.watermark });
    }, options.storeBudgetMs),
  );

  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    guarded(async (req: Request, res: Response) => {
      const auth = await authorise(req, 'write');
      if (isRefusal(auth)) return sendDirectLineError(res, auth);
      const bytes = bodyBytes(req);
      if (bytes > WEB_CHAT_LIMITS.messageBytes) return sendDirectLineError(res, tooLargeRefusal('An activity', WEB_CHAT_LIMITS.messageBytes, bytes));
      const parsed = incomingActivitySchema.safeParse(jsonBody(req));
      if (!parsed.success) {
        const problems = zodIssueLines(parsed.error, 'activity');
        return sendDirectLineError(res, { status: 400, code: 'BadArgument', message: `Invalid activity. ${problems.join('; ')}` });
      }
      const tooLarge = sizeProblem(parsed.data, bytes);
      if (tooLarge) return sendDirectLineError(res, { status: 413, code: 'PayloadTooLarge', message: tooLarge });
      // Typing indicators from the page are neither kept nor shown to the bot.
      if (parsed.data.type === 'typing') return sendNoStore(res, 200, { id: `${auth.claims.conversationId}|typing-${randomUUID()}` });
      const inbound: InboundActivity = {
        ...parsed.data,
        id: `${auth.claims.conversationId}|in-${randomUUID()}`,
        channelId: DIRECT_LINE_CHANNEL_ID,
        conversation: { id: auth.claims.conversationId },
        from: { id: auth.claims.learnerKey, role: 'user' },
        recipient: botAccount,
      };
      const clientActivityId = clientActivityIdOf(parsed.data);
      const key = clientActivityId
        ? { channel: DIRECT_LINE_CHANNEL_ID, conversationId: auth.claims.conversationId, activityId: clientActivityId }
        : null;
      const post = async (): Promise<PostAnswer> => {
        const echo = parsed.data.type === 'message' ? echoOf(parsed.data, auth) : undefined;
        const result = await runTurn(req, inbound, auth, echo, key ? `${auth.claims.conversationId}|client-${key.activityId}` : undefined);
        return isRefusal(result) ? { status: result.status, failure: result } : { status: 200, id: result.echoId ?? inbound.id };
      };
      let answer: PostAnswer;
      try {
        answer = options.deliveries ? (await options.deliveries.run(key, post, (posted) => posted.status < 500)).value : await post();
      } catch (error) {
        if (!(error instanceof DeliveryStillRunningError)) throw error;
        res.header('Retry-After', '2');
        return sendDirectLineError(res, {
          status: 503,
          code: 'ServiceUnavailable',
          message: 'This activity is still being handled; try again shortly.',
        });
      }
      if (answer.failure) return sendDirectLineError(res, answer.failure);
      sendNoStore(res, 200, { id: answer.id });
    }, options.storeBudgetMs),
  );

  const endedEvent = (conversationId: string) => ({
    type: 'event',
    name: CONVERSATION_ENDED_EVENT,
    id: `${conversationId}|ended`,
    timestamp: new Date().toISOString(),
    channelId: DIRECT_LINE_CHANNEL_ID,
    serviceUrl: DIRECT_LINE_SERVICE_URL,
    conversation: { id: conversationId },
    from: botAccount,
  });

  /**
   * The learner's message as the widget shows it back: its text (the part the bot reads, at most the longest answer)
   * and the ids Web Chat matches it by; card values and the client's other fields are not kept.
   */
  const echoOf = (activity: IncomingActivity, auth: Authenticated) => {
    const channelData = activity.channelData ?? {};
    const text =
      activity.text !== undefined && activity.text.length > WEB_CHAT_LIMITS.echoTextChars
        ? `${activity.text.slice(0, WEB_CHAT_LIMITS.echoTextChars)} …`
        : activity.text;
    return {
      type: 'message',
      ...(text !== undefined ? { text } : {}),
      ...(activity.textFormat ? { textFormat: activity.textFormat } : {}),
      ...(activity.locale ? { locale: activity.locale } : {}),
      channelData: {
        ...(typeof channelData.clientActivityID === 'string' ? { clientActivityID: channelData.clientActivityID.slice(0, 100) } : {}),
        ...(channelData.postBack === true ? { postBack: true } : {}),
        ...(messageBackOf(channelData.messageBack) ?? {}),
      },
      from: { id: auth.claims.learnerKey, role: 'user' },
      recipient: botAccount,
    };
  };
}

const ACTIVITIES_PATH = /^\/v3\/directline\/conversations\/[^/]+\/activities\/?$/;

function tooLargeRefusal(what: string, limit: number, bytes: number): DirectLineRefusal {
  return { status: 413, code: 'PayloadTooLarge', message: `${what} may be at most ${limit} bytes; this one is ${bytes}.` };
}

/**
 * Refuses a posted activity larger than any the endpoint takes from its Content-Length, before the body is read: a
 * flood of large bodies costs neither memory nor parsing.
 */
function refuseOversizedActivities(req: Request, res: Response, next: (error?: false) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (req.method !== 'POST' || !(declared > WEB_CHAT_LIMITS.messageBytes) || !ACTIVITIES_PATH.test(req.path())) return next();
  res.header('Connection', 'close');
  sendDirectLineError(res, tooLargeRefusal('An activity', WEB_CHAT_LIMITS.messageBytes, declared));
  next(false);
}

/** Web Chat shows a messageBack's `displayText` in the learner's bubble instead of its text. */
function messageBackOf(value: unknown): { messageBack: { displayText: string } } | undefined {
  const displayText = typeof value === 'object' && value !== null ? (value as { displayText?: unknown }).displayText : undefined;
  return typeof displayText === 'string' ? { messageBack: { displayText: displayText.slice(0, WEB_CHAT_LIMITS.echoTextChars) } } : undefined;
}

/** Why an activity is larger than the endpoint takes, or null. The widget's own activities are far below these limits. */
function sizeProblem(activity: IncomingActivity, bytes: number): string | null {
  const limit = activity.type === 'message' ? WEB_CHAT_LIMITS.messageBytes : WEB_CHAT_LIMITS.eventBytes;
  if (bytes > limit) return tooLargeRefusal(`An activity of type ${activity.type}`, limit, bytes).message;
  const part = (name: string, value: unknown, max: number) => {
    const size = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
    return size > max ? `The ${name} of an activity may be at most ${max} bytes; this one is ${size}.` : null;
  };
  return part('value', activity.value, WEB_CHAT_LIMITS.valueBytes) ?? part('channelData', activity.channelData, WEB_CHAT_LIMITS.channelDataBytes);
}

/** What a post of an activity answered: the id its echo got in the stream, or why it failed. */
interface PostAnswer {
  readonly status: number;
  readonly id?: string;
  readonly failure?: DirectLineRefusal;
}
