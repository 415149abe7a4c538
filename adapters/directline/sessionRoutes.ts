import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bearerToken, isRefusal, jsonBody, sendDirectLineError, sendNoStore, type DirectLineRefusal } from './directLineHttp';
import { guarded } from './guarded';
import type { SessionRateLimiter } from './sessionRateLimiter';
import type { IssuedSession, WebChatSessions } from './webChatSessions';

/** What the session routes need. */
export interface SessionRoutesOptions {
  readonly sessions: WebChatSessions;
  /** Limits new learners per client address, and resumes per learner (none when absent). */
  readonly sessionLimiter?: SessionRateLimiter;
  /** The organisation of the bot's own page, and of tokens issued before organisations existed. */
  readonly defaultOrganisationId: string;
  /** Which organisation a session belongs to (the embed's signed grant), or why it is refused. */
  readonly sessionOrganisation: (req: Request, request: SessionRequest) => string | DirectLineRefusal;
  /** Longest the store may take over all the operations of one request (see requestBudget.ts); none when absent. */
  readonly storeBudgetMs?: number;
}

const sessionRequestSchema = z
  .object({
    /** The resume key the page kept from its last session. */
    resume: z.string().max(4096).optional(),
    /** A token kept by a page of the first release, which had no resume keys. */
    token: z.string().max(4096).optional(),
    grant: z.string().max(4096).optional(),
    organisation: z.string().max(80).optional(),
  })
  .loose();

/** What a page asks of POST /api/webchat/session besides its resume key. */
export type SessionRequest = Pick<z.infer<typeof sessionRequestSchema>, 'grant' | 'organisation'>;

/**
 * The session endpoints:
 *
 * - POST /api/webchat/session  { resume?, grant? } → { token, conversationId, expires_in, userId, resume }: the page's
 *   session, for the returning learner its resume key names, else for a new learner (limited per client address);
 * - POST /v3/directline/tokens/generate → { token, conversationId, expires_in, userId }: always a new learner;
 * - POST /v3/directline/tokens/refresh  → { token, conversationId, expires_in }: the page's next access token.
 */
export function registerSessionRoutes(server: Server, options: SessionRoutesOptions): void {
  const { sessions } = options;

  /** 429 with Retry-After when a limit is reached. */
  const refuseAfter = (res: Response, wait: number, what: string): boolean => {
    if (wait === 0) return false;
    res.header('Retry-After', String(wait));
    sendDirectLineError(res, { status: 429, code: 'TooManyRequests', message: `Too many ${what}; try again in ${wait} s.` });
    return true;
  };

  const sessionBody = (issued: IssuedSession) => ({
    conversationId: issued.access.claims.conversationId,
    token: issued.access.token,
    expires_in: issued.access.expiresIn,
    userId: issued.access.claims.learnerKey,
    resume: issued.resumeKey,
  });

  /** The returning learner's session, if the page brought a key that still opens one (or null, or a 429 was sent). */
  const returning = async (res: Response, request: z.infer<typeof sessionRequestSchema>, organisationId: string) => {
    const learnerKey = request.resume ? sessions.learnerOfResumeKey(request.resume) : null;
    if (
      learnerKey &&
      options.sessionLimiter &&
      refuseAfter(res, await options.sessionLimiter.resume(learnerKey), 'returns to the chat from this learner')
    )
      return 'refused';
    if (learnerKey && request.resume) return sessions.resume(request.resume, organisationId);
    if (request.token) return sessions.resumeLegacy(request.token, organisationId, options.defaultOrganisationId);
    return null;
  };

  server.post(
    '/api/webchat/session',
    guarded(async (req: Request, res: Response) => {
      const parsed = sessionRequestSchema.safeParse(jsonBody(req) ?? {});
      const request = parsed.success ? parsed.data : {};
      const organisationId = options.sessionOrganisation(req, request);
      if (typeof organisationId !== 'string') return sendDirectLineError(res, organisationId);
      const resumed = await returning(res, request, organisationId);
      if (resumed === 'refused') return;
      if (resumed) return sendNoStore(res, 200, sessionBody(resumed));
      if (options.sessionLimiter && refuseAfter(res, await options.sessionLimiter.newLearner(req), 'new conversations from this address')) return;
      sendNoStore(res, 200, sessionBody(await sessions.startNew(organisationId)));
    }, options.storeBudgetMs),
  );

  server.post(
    '/v3/directline/tokens/generate',
    guarded(async (req: Request, res: Response) => {
      if (options.sessionLimiter && refuseAfter(res, await options.sessionLimiter.newLearner(req), 'new conversations from this address')) return;
      const { resume: _kept, ...body } = sessionBody(await sessions.startNew(options.defaultOrganisationId));
      sendNoStore(res, 200, body);
    }, options.storeBudgetMs),
  );

  server.post(
    '/v3/directline/tokens/refresh',
    guarded(async (req: Request, res: Response) => {
      const refreshed = await sessions.refresh(bearerToken(req) ?? '');
      if (isRefusal(refreshed)) return sendDirectLineError(res, refreshed);
      sendNoStore(res, 200, { conversationId: refreshed.claims.conversationId, token: refreshed.token, expires_in: refreshed.expiresIn });
    }, options.storeBudgetMs),
  );
}
