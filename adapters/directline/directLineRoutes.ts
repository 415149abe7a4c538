import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';

import { zodIssueLines } from '../../curriculum/zodIssues';
import { DeliveryStillRunningError, type ExactlyOnce } from '../../bot/exactlyOnce';
import type { WireActivity } from './conversationBuffer';
import { DIRECT_LINE_CHANNEL_ID, DIRECT_LINE_SERVICE_URL, type DirectLineChannel } from './directLineChannel';
import { authenticate, isRefusal, jsonBody, sendDirectLineError, sendNoStore, watermarkOf, type DirectLineRefusal } from './directLineHttp';
import { clientActivityIdOf, incomingActivitySchema } from './incomingActivity';
import type { SessionRateLimiter } from './sessionRateLimiter';
import type { IssuedWebChatToken, WebChatTokenPayload, WebChatTokens } from './webChatTokens';

/** What the Direct Line routes need. */
export interface DirectLineRoutesOptions {
  /** Runs the turns; its buffer holds every conversation's activity stream. */
  readonly channel: DirectLineChannel;
  readonly tokens: WebChatTokens;
  /**
   * Runs each posted activity once per (conversation, clientActivityID or id): a re-post gets the first answer, and
   * neither its echo nor the bot's replies appear in the stream again. Absent (unit tests), every post runs.
   */
  readonly deliveries?: ExactlyOnce;
  /** Told about bot failures that the route answers with 500 (default: the request logger). */
  readonly onError?: (error: unknown, activity: WireActivity) => void;
  /** Limits new sessions and conversation starts per client (none when absent). */
  readonly sessionLimiter?: SessionRateLimiter;
  /** The organisation of the bot's own page, and of tokens issued before organisations existed. */
  readonly defaultOrganisationId: string;
  /** Which organisation a session belongs to (the embed's signed grant), or why it is refused. */
  readonly sessionOrganisation: (req: Request, request: SessionRequest) => string | DirectLineRefusal;
}

/** How long after expiry a token still brings its learner back through `/api/webchat/session`. */
export const SESSION_RESUME_GRACE_SECONDS = 30 * 24 * 60 * 60;

const sessionRequestSchema = z
  .object({ token: z.string().max(4096).optional(), grant: z.string().max(4096).optional(), organisation: z.string().max(80).optional() })
  .loose();

/** What a page asks of POST /api/webchat/session besides its previous token. */
export type SessionRequest = Pick<z.infer<typeof sessionRequestSchema>, 'grant' | 'organisation'>;
const startRequestSchema = z.object({ locale: z.string().min(2).max(35).optional() }).loose();

/**
 * A Direct Line 3.0 subset for the stock Web Chat widget (polling, no WebSocket), plus the app's own
 * session endpoint. The server decides identity: every posted activity gets `from.id` = the token's
 * learnerKey, whatever the client wrote there.
 *
 * - POST /api/webchat/session           { token? } → { token, conversationId, expires_in, userId }
 * - POST /v3/directline/tokens/generate            → same, always for a new learner
 * - POST /v3/directline/tokens/refresh             → a new token for the same learner and conversation
 * - POST /v3/directline/conversations              → 201, starts the conversation (bot gets conversationUpdate)
 * - GET  /v3/directline/conversations/:id          → reconnect, no conversationUpdate
 * - GET  /v3/directline/conversations/:id/activities?watermark=N → { activities, watermark }
 * - POST /v3/directline/conversations/:id/activities → { id }, after the bot has handled it
 */
export function registerDirectLineRoutes(server: Server, options: DirectLineRoutesOptions): void {
  const { channel, tokens } = options;
  const buffer = channel.buffer;
  const botAccount = channel.account;

  const runTurn = async (
    req: Request,
    activity: WireActivity,
    auth: WebChatTokenPayload,
    deliveryId?: string,
  ): Promise<DirectLineRefusal | undefined> => {
    try {
      await channel.process(activity, auth.organisationId ?? options.defaultOrganisationId, deliveryId);
      return undefined;
    } catch (error) {
      if (options.onError) options.onError(error, activity);
      else req.log?.error({ err: error, activityType: activity.type }, 'Direct Line: the bot failed on an activity');
      return { status: 500, code: 'BotError', message: 'The bot failed while handling this activity.' };
    }
  };

  /** The token's claims if it may use this conversation; 403 for someone else's, 404 for an unknown one. */
  const authoriseConversation = (req: Request): WebChatTokenPayload | DirectLineRefusal => {
    const auth = authenticate(req, tokens);
    if (isRefusal(auth)) return auth;
    const requested: unknown = (req.params as Record<string, unknown>).conversationId;
    const conversationId = typeof requested === 'string' ? requested : '';
    if (auth.conversationId === conversationId) return auth;
    return buffer.has(conversationId)
      ? { status: 403, code: 'Forbidden', message: 'The token does not belong to this conversation.' }
      : { status: 404, code: 'NotFound', message: 'No such conversation.' };
  };

  /** 429 with Retry-After when this client has started too many sessions or conversations lately. */
  const tooMany = (req: Request, res: Response): boolean => {
    const wait = options.sessionLimiter?.take(req) ?? 0;
    if (wait === 0) return false;
    res.header('Retry-After', String(wait));
    sendDirectLineError(res, {
      status: 429,
      code: 'TooManyRequests',
      message: `Too many new conversations from this address; try again in ${wait} s.`,
    });
    return true;
  };

  const conversationBody = (issued: IssuedWebChatToken) => ({
    conversationId: issued.payload.conversationId,
    token: issued.token,
    expires_in: issued.expiresIn,
  });
  const sessionBody = (issued: IssuedWebChatToken) => ({ ...conversationBody(issued), userId: issued.payload.learnerKey });

  server.post('/api/webchat/session', async (req: Request, res: Response) => {
    if (tooMany(req, res)) return;
    const parsed = sessionRequestSchema.safeParse(jsonBody(req) ?? {});
    const request = parsed.success ? parsed.data : {};
    const organisationId = options.sessionOrganisation(req, request);
    if (typeof organisationId !== 'string') return sendDirectLineError(res, organisationId);
    const resumed = request.token ? tokens.refresh(request.token, { expiredGraceSeconds: SESSION_RESUME_GRACE_SECONDS }) : undefined;
    // A token of another organisation's chat (the same browser on two cooperatives' sites) is a different learner.
    const sameOrganisation = resumed && 'token' in resumed && (resumed.payload.organisationId ?? options.defaultOrganisationId) === organisationId;
    sendNoStore(res, 200, sessionBody(sameOrganisation ? resumed : tokens.issueForNewLearner(organisationId)));
  });

  server.post('/v3/directline/tokens/generate', async (req: Request, res: Response) => {
    if (tooMany(req, res)) return;
    sendNoStore(res, 200, sessionBody(tokens.issueForNewLearner(options.defaultOrganisationId)));
  });

  server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
    const auth = authenticate(req, tokens);
    if (isRefusal(auth)) return sendDirectLineError(res, auth);
    sendNoStore(res, 200, conversationBody(tokens.issue(auth)));
  });

  server.post('/v3/directline/conversations', async (req: Request, res: Response) => {
    if (tooMany(req, res)) return;
    const auth = authenticate(req, tokens);
    if (isRefusal(auth)) return sendDirectLineError(res, auth);
    const start = startRequestSchema.safeParse(jsonBody(req) ?? {});
    const learner = { id: auth.learnerKey, role: 'user' };
    buffer.open(auth.conversationId);
    const failure = await runTurn(
      req,
      {
        type: 'conversationUpdate',
        id: `${auth.conversationId}|start-${randomUUID()}`,
        timestamp: new Date().toISOString(),
        channelId: DIRECT_LINE_CHANNEL_ID,
        serviceUrl: DIRECT_LINE_SERVICE_URL,
        conversation: { id: auth.conversationId },
        from: learner,
        recipient: botAccount,
        membersAdded: [{ id: auth.learnerKey }],
        ...(start.success && start.data.locale ? { locale: start.data.locale } : {}),
      },
      auth,
    );
    if (failure) return sendDirectLineError(res, failure);
    sendNoStore(res, 201, conversationBody(tokens.issue(auth)));
  });

  server.get('/v3/directline/conversations/:conversationId', async (req: Request, res: Response) => {
    const auth = authoriseConversation(req);
    if (isRefusal(auth)) return sendDirectLineError(res, auth);
    buffer.open(auth.conversationId);
    sendNoStore(res, 200, conversationBody(tokens.issue(auth)));
  });

  server.get('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => {
    const auth = authoriseConversation(req);
    if (isRefusal(auth)) return sendDirectLineError(res, auth);
    const page = buffer.since(auth.conversationId, watermarkOf(req));
    sendNoStore(res, 200, { activities: page.activities, watermark: String(page.watermark) });
  });

  server.post('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => {
    const auth = authoriseConversation(req);
    if (isRefusal(auth)) return sendDirectLineError(res, auth);
    const parsed = incomingActivitySchema.safeParse(jsonBody(req));
    if (!parsed.success) {
      const problems = zodIssueLines(parsed.error, 'activity');
      return sendDirectLineError(res, { status: 400, code: 'BadArgument', message: `Invalid activity. ${problems.join('; ')}` });
    }
    // Typing indicators change nothing and are not worth a record; everything else is run once.
    const clientActivityId = parsed.data.type === 'typing' ? undefined : clientActivityIdOf(parsed.data);
    const key = clientActivityId ? { channel: DIRECT_LINE_CHANNEL_ID, conversationId: auth.conversationId, activityId: clientActivityId } : null;
    const post = async (): Promise<PostAnswer> => {
      // The echo goes into the stream before the bot runs: Web Chat marks a message as sent only when it
      // sees it come back with its channelData.clientActivityID.
      const echoed = buffer.append(auth.conversationId, {
        ...parsed.data,
        channelId: DIRECT_LINE_CHANNEL_ID,
        serviceUrl: DIRECT_LINE_SERVICE_URL,
        conversation: { id: auth.conversationId },
        from: { id: auth.learnerKey, role: 'user' },
        recipient: botAccount,
      });
      const failure = await runTurn(req, echoed, auth, key ? `${auth.conversationId}|client-${key.activityId}` : undefined);
      return failure ? { status: failure.status, failure } : { status: 200, id: echoed.id };
    };
    let answer: PostAnswer;
    try {
      answer = options.deliveries ? (await options.deliveries.run(key, post, (posted) => posted.status < 500)).value : await post();
    } catch (error) {
      if (!(error instanceof DeliveryStillRunningError)) throw error;
      res.header('Retry-After', '2');
      return sendDirectLineError(res, { status: 503, code: 'BotError', message: 'This activity is still being handled; try again shortly.' });
    }
    if (answer.failure) return sendDirectLineError(res, answer.failure);
    sendNoStore(res, 200, { id: answer.id });
  });
}

/** What a post of an activity answered: the id its echo got in the stream, or why it failed. */
interface PostAnswer {
  readonly status: number;
  readonly id?: string;
  readonly failure?: DirectLineRefusal;
}
