import type { Request, Response, Server } from 'restify';
import type { Locale } from '../../curriculum/schema';
import type { AdvisorDashboard, CohortRequest } from '../../bot/advisors/advisorDashboard';
import { ADVISOR_ROLES, type AdvisorRecord, type SessionKind } from '../../bot/advisors/advisorRecords';
import type { AdvisorSessions, SignedIn } from '../../bot/advisors/signIn/advisorSessions';
import type { EntraSignIn } from '../../bot/advisors/signIn/entraSignIn';
import { inviteAdvisor, SIGN_IN_PATH } from '../../bot/advisors/signIn/inviteAdvisor';
import { sameSecret, SECRET_PATTERN } from '../../bot/advisors/signIn/secrets';
import { redeemSignInLink } from '../../bot/advisors/signIn/signInLinks';
import type { TeamsTabTokens } from '../../bot/advisors/signIn/teamsTabTokens';
import { addressGroup, clientAddressReader, type TrustProxy } from '../../bot/http/clientAddress';
import type { OrganisationDirectory } from '../../bot/organisations/organisationDirectory';
import type { OrganisationProgrammes } from '../../bot/organisations/organisationProgrammes';
import type { AdvisorStore } from '../../bot/ports/advisorStore';
import { COHORT_SORTS, type CohortSort } from '../../bot/ports/cohortReadModel';
import { advisorsPage } from './advisorsPage';
import { analyticsPage } from './analyticsPage';
import { cohortPage } from './cohortPage';
import { toCsv } from './csv';
import { registerDashboardAssets } from './dashboardAssets';
import {
  clearedCookie,
  cookiesOf,
  formField,
  type Framing,
  isSameOrigin,
  newNonce,
  OIDC_STATE_COOKIE,
  queryOf,
  redirect,
  sendHtml,
  SESSION_COOKIE,
  sessionCookie,
  stateCookie,
  TAB_SESSION_COOKIE,
} from './dashboardHttp';
import type { HeaderAdvisor } from './dashboardLayout';
import { formatTime, t, type DashboardTextKey } from './dashboardTexts';
import { learnerPage } from './learnerPage';
import { notFoundPage, signInLinkPage, signInPage } from './signInPages';
import { tabPage } from './tabPage';

export interface DashboardRoutesOptions {
  readonly advisors: AdvisorStore;
  readonly sessions: AdvisorSessions;
  readonly dashboard: AdvisorDashboard;
  readonly organisations: OrganisationDirectory;
  readonly programmes: Pick<OrganisationProgrammes, 'for'>;
  /** Entra web sign-in, when configured. */
  readonly entra?: EntraSignIn;
  /** The Teams tab's single sign-on, when configured. */
  readonly tabTokens?: TeamsTabTokens;
  /** Where invite links point (PUBLIC_URL); the request's own origin when unset (development). */
  readonly publicUrl?: string;
  /** Session cookies are Secure (PUBLIC_URL is https). */
  readonly secureCookies: boolean;
  /** Which proxies' X-Forwarded-For to believe for the client's address (TRUST_PROXY). */
  readonly trustProxy: TrustProxy;
  /** Sign-in attempts allowed per client address per 15 minutes (default 30). */
  readonly signInAttempts?: number;
  readonly clock?: () => Date;
}

const ATTEMPT_WINDOW_MS = 15 * 60_000;

/**
 * The advisor dashboard under /advisor: sign-in (one-time link, Entra, the Teams tab's token), the cohort, a learner,
 * notes, CSV exports, analytics and (for admins) advisors. Every page of a signed-in advisor is scoped to their
 * organisation: anything else answers the same 404 as something that does not exist. Every POST needs the session's
 * CSRF token and a same-origin request.
 */
export function registerDashboardRoutes(server: Server, options: DashboardRoutesOptions): void {
  const { advisors, sessions, dashboard } = options;
  const clock = options.clock ?? (() => new Date());
  const cookieSettings = { secure: options.secureCookies };
  registerDashboardAssets(server);

  const localeOf = (req: Request, advisor?: AdvisorRecord): Locale => {
    const asked = queryOf(req).get('lang');
    if (asked === 'sv' || asked === 'en') return asked;
    if (advisor) return advisor.locale;
    return /^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'sv';
  };
  const framingOf = (kind: SessionKind | undefined): Framing => (kind === 'teams-tab' ? 'teams' : 'none');
  const headerOf = (signedIn: SignedIn): HeaderAdvisor => ({
    name: signedIn.advisor.name,
    organisationName: options.organisations.get(signedIn.advisor.organisationId)?.name[signedIn.advisor.locale] ?? signedIn.advisor.organisationId,
    isAdmin: signedIn.advisor.role === 'admin',
    csrfToken: signedIn.session.csrfToken,
  });
  const showSignIn = (req: Request, res: Response, status: number, message?: DashboardTextKey, headers: Record<string, string | string[]> = {}) => {
    const nonce = newNonce();
    sendHtml(
      res,
      status,
      signInPage({ locale: localeOf(req), nonce, entra: options.entra !== undefined, ...(message ? { message } : {}) }),
      nonce,
      'none',
      headers,
    );
  };
  const showNotFound = (req: Request, res: Response, signedIn: SignedIn) => {
    const nonce = newNonce();
    sendHtml(res, 404, notFoundPage({ locale: signedIn.advisor.locale, nonce }), nonce, framingOf(signedIn.session.kind));
  };

  /** The signed-in advisor, or null after answering 401 with the sign-in page (a stale cookie is cleared). */
  const signedInOrSignIn = async (req: Request, res: Response): Promise<SignedIn | null> => {
    const cookies = cookiesOf(req);
    for (const name of [SESSION_COOKIE, TAB_SESSION_COOKIE]) {
      const signedIn = await sessions.resolve(cookies[name]);
      if (signedIn) return signedIn;
    }
    const presented = [SESSION_COOKIE, TAB_SESSION_COOKIE].filter((name) => cookies[name] !== undefined);
    showSignIn(
      req,
      res,
      401,
      presented.length > 0 ? 'sessionEnded' : undefined,
      presented.length ? { 'Set-Cookie': presented.map((name) => clearedCookie(name, cookieSettings)) } : {},
    );
    return null;
  };

  /** For POSTs: signed in, same origin, and the session's CSRF token; else answered (401 or 403). */
  const checkedPost = async (req: Request, res: Response): Promise<SignedIn | null> => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return null;
    const token = formField(req, 'csrf');
    if (!isSameOrigin(req) || !token || !sameSecret(token, signedIn.session.csrfToken)) {
      const nonce = newNonce();
      sendHtml(
        res,
        403,
        notFoundPage({ locale: signedIn.advisor.locale, nonce }).replace(
          t(signedIn.advisor.locale, 'notFound'),
          t(signedIn.advisor.locale, 'forbidden'),
        ),
        nonce,
      );
      return null;
    }
    return signedIn;
  };

  const addressOf = clientAddressReader(options.trustProxy);
  /** Counts a sign-in attempt of this client; false (after answering 429) when it has made too many lately. */
  const allowAttempt = async (req: Request, res: Response): Promise<boolean> => {
    const count = await advisors.countSignInAttempt(`sign-in:${addressGroup(addressOf(req))}`, ATTEMPT_WINDOW_MS, clock());
    if (count <= (options.signInAttempts ?? 30)) return true;
    showSignIn(req, res, 429, 'tooManyAttempts', { 'Retry-After': String(Math.ceil(ATTEMPT_WINDOW_MS / 1000)) });
    return false;
  };

  const startSession = async (res: Response, advisor: AdvisorRecord, kind: SessionKind, headers: string[] = []) => {
    const id = await sessions.start(advisor, kind);
    redirect(res, '/advisor', { 'Set-Cookie': [sessionCookie(SESSION_COOKIE, id, cookieSettings), ...headers] });
  };

  const learnerIdOf = (req: Request) => {
    const id = (req.params as Record<string, unknown>).learnerId;
    return typeof id === 'string' ? id : '';
  };

  // --- sign-in ---

  server.get(SIGN_IN_PATH, async (req: Request, res: Response) => {
    const token = queryOf(req).get('token') ?? '';
    if (!SECRET_PATTERN.test(token)) return showSignIn(req, res, 401, 'linkInvalid');
    const nonce = newNonce();
    sendHtml(res, 200, signInLinkPage({ locale: localeOf(req), nonce, token }), nonce, 'none', { 'Referrer-Policy': 'no-referrer' });
  });

  server.post(SIGN_IN_PATH, async (req: Request, res: Response) => {
    if (!isSameOrigin(req)) return showSignIn(req, res, 403, 'linkInvalid');
    if (!(await allowAttempt(req, res))) return;
    const advisor = await redeemSignInLink(advisors, formField(req, 'token'), clock());
    if (!advisor) return showSignIn(req, res, 401, 'linkInvalid');
    await startSession(res, advisor, 'link');
  });

  server.post('/advisor/sign-out', async (req: Request, res: Response) => {
    const signedIn = await checkedPost(req, res);
    if (!signedIn) return;
    const cookies = cookiesOf(req);
    await sessions.end(cookies[SESSION_COOKIE]);
    await sessions.end(cookies[TAB_SESSION_COOKIE]);
    const nonce = newNonce();
    sendHtml(
      res,
      200,
      signInPage({ locale: signedIn.advisor.locale, nonce, entra: options.entra !== undefined, message: 'signedOut', messageKind: 'notice' }),
      nonce,
      'none',
      {
        'Set-Cookie': [clearedCookie(SESSION_COOKIE, cookieSettings), clearedCookie(TAB_SESSION_COOKIE, cookieSettings)],
      },
    );
  });

  server.get('/advisor/entra/start', async (req: Request, res: Response) => {
    if (!options.entra) return showSignIn(req, res, 404);
    const { url, state } = await options.entra.begin();
    redirect(res, url, { 'Set-Cookie': stateCookie(state, cookieSettings) });
  });

  server.get('/advisor/entra/callback', async (req: Request, res: Response) => {
    if (!options.entra) return showSignIn(req, res, 404);
    if (!(await allowAttempt(req, res))) return;
    const base = options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const outcome = await options.entra.complete(new URL(req.url ?? '/', base), cookiesOf(req)[OIDC_STATE_COOKIE]);
    const clearState = clearedCookie(OIDC_STATE_COOKIE, cookieSettings).replace('Path=/advisor', 'Path=/advisor/entra');
    if (typeof outcome === 'string')
      return showSignIn(req, res, 401, outcome === 'unknownAdvisor' ? 'entraUnknown' : 'entraFailed', { 'Set-Cookie': clearState });
    await startSession(res, outcome, 'entra', [clearState]);
  });

  server.get('/advisor/tab', async (req: Request, res: Response) => {
    const nonce = newNonce();
    sendHtml(res, 200, tabPage({ locale: localeOf(req), nonce, sso: options.tabTokens !== undefined }), nonce, 'teams');
  });

  server.post('/advisor/tab/session', async (req: Request, res: Response) => {
    const refuse = (status: number, message: string) => {
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        ...(status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
      });
      res.end(JSON.stringify({ error: message }));
    };
    if (!options.tabTokens) return refuse(404, 'Teams single sign-on is not configured.');
    const count = await advisors.countSignInAttempt(`sign-in:${addressGroup(addressOf(req))}`, ATTEMPT_WINDOW_MS, clock());
    if (count > (options.signInAttempts ?? 30)) return refuse(429, 'Too many sign-in attempts.');
    const bearer = /^Bearer ([A-Za-z0-9._-]{20,8192})$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const user = bearer ? await options.tabTokens.verify(bearer) : null;
    if (!user) return refuse(401, 'The Teams token is missing or not valid.');
    const advisor = await tabAdvisorOf(user);
    if (!advisor) return refuse(401, 'This Teams user is not an advisor here.');
    const id = await sessions.start(advisor, 'teams-tab');
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'Set-Cookie': sessionCookie(TAB_SESSION_COOKIE, id, cookieSettings),
    });
    res.end(JSON.stringify({ location: '/advisor' }));
  });

  /** The advisor linked to the Teams user, or the one whose email is the user's name in a tenant their organisation lists. */
  const tabAdvisorOf = async (user: { tenantId: string; objectId: string; username?: string }): Promise<AdvisorRecord | null> => {
    const linked = await advisors.findAdvisorByEntra(user.tenantId, user.objectId);
    if (linked) return linked;
    if (!user.username) return null;
    const organisation = options.organisations.forTenant(user.tenantId);
    const match = (await advisors.findAdvisorsByEmail(user.username)).find((a) => a.organisationId === organisation?.id);
    if (!match) return null;
    await advisors.linkEntra(match.organisationId, match.id, user.tenantId, user.objectId);
    return match;
  };

  // --- the dashboard ---

  server.get('/advisor', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    const request = cohortRequestOf(req);
    const view = await dashboard.cohort(signedIn.advisor, request);
    const locale = signedIn.advisor.locale;
    const modules = options.programmes.for(signedIn.advisor.organisationId).index.modules.map((m) => ({ id: m.id, title: m.title[locale] }));
    const nonce = newNonce();
    sendHtml(res, 200, cohortPage({ locale, nonce, advisor: headerOf(signedIn), request, view, modules }), nonce, framingOf(signedIn.session.kind));
  });

  server.get('/advisor/cohort.csv', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    const { page: _page, ...request } = cohortRequestOf(req);
    const rows = await dashboard.cohortRows(signedIn.advisor, request);
    const locale = signedIn.advisor.locale;
    const modules = options.programmes.for(signedIn.advisor.organisationId).index.modules;
    const header = [
      t(locale, 'name'),
      t(locale, 'venture'),
      t(locale, 'languageColumn'),
      t(locale, 'channels'),
      t(locale, 'lessonsDone'),
      t(locale, 'quizScore'),
      t(locale, 'lastActive'),
      t(locale, 'status'),
      t(locale, 'requests'),
      ...modules.map((m) => m.title[locale]),
    ];
    const lines = rows.map(({ entry, stalled, openRequests }) => [
      entry.displayName,
      entry.ventureName,
      entry.locale,
      entry.channels.join(' '),
      entry.lessonsDone,
      entry.quizTotal ? `${entry.quizCorrect}/${entry.quizTotal}` : '',
      entry.lastActiveAt,
      t(locale, stalled ? 'stalled' : 'active'),
      openRequests,
      ...modules.map((m) => (entry.modules[m.id] ? `${entry.modules[m.id]!.done}/${entry.modules[m.id]!.count}` : '')),
    ]);
    sendCsv(res, 'cohort.csv', toCsv([header, ...lines]));
  });

  server.get('/advisor/learners/:learnerId', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    const detail = await dashboard.learner(signedIn.advisor, learnerIdOf(req));
    if (!detail) return showNotFound(req, res, signedIn);
    const nonce = newNonce();
    const notice = queryOf(req).get('sent') === '1' ? ({ notice: 'noteSent' } as const) : {};
    sendHtml(
      res,
      200,
      learnerPage({ locale: signedIn.advisor.locale, nonce, advisor: headerOf(signedIn), detail, ...notice }),
      nonce,
      framingOf(signedIn.session.kind),
    );
  });

  server.get('/advisor/learners/:learnerId/answers.csv', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    const detail = await dashboard.learner(signedIn.advisor, learnerIdOf(req), 'exported');
    if (!detail) return showNotFound(req, res, signedIn);
    const locale = signedIn.advisor.locale;
    const rows = detail.modules.flatMap((m) =>
      m.lessons.flatMap((l) =>
        l.answers.map((a) => [
          m.title,
          l.title,
          a.question,
          a.answer,
          a.correct === undefined ? '' : t(locale, a.correct ? 'right' : 'wrong'),
          a.feedback,
          formatTime(a.at, locale),
        ]),
      ),
    );
    const header = [
      t(locale, 'module'),
      'Lesson',
      t(locale, 'question'),
      t(locale, 'answers'),
      t(locale, 'quizScore'),
      t(locale, 'feedbackGiven'),
      'Time',
    ];
    sendCsv(res, 'answers.csv', toCsv([header, ...rows]));
  });

  server.post('/advisor/learners/:learnerId/notes', async (req: Request, res: Response) => {
    const signedIn = await checkedPost(req, res);
    if (!signedIn) return;
    const text = formField(req, 'text').trim();
    const [moduleId, lessonId, stepId] = formField(req, 'answer').split('/');
    const answer = moduleId && lessonId && stepId ? { moduleId, lessonId, stepId } : undefined;
    const learnerId = learnerIdOf(req);
    const learner = await dashboard.sharedLearner(signedIn.advisor, learnerId);
    if (!learner) return showNotFound(req, res, signedIn);
    if (text.length > 0) await dashboard.writeNote(signedIn.advisor, learnerId, text, answer);
    redirect(res, `/advisor/learners/${encodeURIComponent(learnerId)}${text.length > 0 ? '?sent=1' : ''}`);
  });

  server.get('/advisor/analytics', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    const query = queryOf(req);
    const today = clock().toISOString().slice(0, 10);
    const day = (value: string | null, fallback: string) =>
      value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : fallback;
    const to = day(query.get('to'), today);
    const from = day(query.get('from'), new Date(Date.parse(`${to}T00:00:00Z`) - 83 * 86_400_000).toISOString().slice(0, 10));
    const period = from <= to ? { from, to } : { from: to, to: from };
    const locale = signedIn.advisor.locale;
    const analytics = await dashboard.analytics(signedIn.advisor, period, locale);
    const nonce = newNonce();
    sendHtml(res, 200, analyticsPage({ locale, nonce, advisor: headerOf(signedIn), period, analytics }), nonce, framingOf(signedIn.session.kind));
  });

  server.get('/advisor/advisors', async (req: Request, res: Response) => {
    const signedIn = await signedInOrSignIn(req, res);
    if (!signedIn) return;
    if (signedIn.advisor.role !== 'admin') return showNotFound(req, res, signedIn);
    const nonce = newNonce();
    const list = await advisors.listAdvisors(signedIn.advisor.organisationId);
    sendHtml(
      res,
      200,
      advisorsPage({ locale: signedIn.advisor.locale, nonce, advisor: headerOf(signedIn), advisors: list }),
      nonce,
      framingOf(signedIn.session.kind),
    );
  });

  server.post('/advisor/advisors', async (req: Request, res: Response) => {
    const signedIn = await checkedPost(req, res);
    if (!signedIn) return;
    if (signedIn.advisor.role !== 'admin') return showNotFound(req, res, signedIn);
    const name = formField(req, 'name').trim().slice(0, 200);
    const email = formField(req, 'email').trim().toLowerCase();
    const role = (ADVISOR_ROLES as readonly string[]).includes(formField(req, 'role'))
      ? (formField(req, 'role') as AdvisorRecord['role'])
      : 'advisor';
    const valid = name.length > 0 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 320;
    const invitation = valid
      ? await inviteAdvisor(
          advisors,
          { organisationId: signedIn.advisor.organisationId, name, email, role, locale: signedIn.advisor.locale },
          options.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`,
          clock(),
        )
      : undefined;
    const list = await advisors.listAdvisors(signedIn.advisor.organisationId);
    const nonce = newNonce();
    sendHtml(
      res,
      valid ? 200 : 400,
      advisorsPage({
        locale: signedIn.advisor.locale,
        nonce,
        advisor: headerOf(signedIn),
        advisors: list,
        ...(invitation ? { invited: { name, link: invitation.link } } : { invalid: true }),
      }),
      nonce,
      framingOf(signedIn.session.kind),
    );
  });

  server.post('/advisor/language', async (req: Request, res: Response) => {
    const signedIn = await checkedPost(req, res);
    if (!signedIn) return;
    const locale = formField(req, 'locale') === 'en' ? 'en' : 'sv';
    await advisors.setAdvisorLocale(signedIn.advisor.organisationId, signedIn.advisor.id, locale);
    const back = String(req.headers.referer ?? '');
    const sameHost = (() => {
      try {
        const url = new URL(back);
        return url.host === req.headers.host && url.pathname.startsWith('/advisor') ? `${url.pathname}${url.search}` : null;
      } catch {
        return null;
      }
    })();
    redirect(res, sameHost ?? '/advisor');
  });
}

function cohortRequestOf(req: Request): CohortRequest {
  const query = queryOf(req);
  const sort = query.get('sort');
  const page = Number.parseInt(query.get('page') ?? '1', 10);
  const moduleId = query.get('module') ?? '';
  return {
    sort: (COHORT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CohortSort) : 'lastActive',
    ...(/^[a-z0-9-]{1,80}$/.test(moduleId) ? { moduleId } : {}),
    stalledOnly: query.get('stalled') === '1',
    withRequestOnly: query.get('request') === '1',
    search: (query.get('q') ?? '').slice(0, 100),
    page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

function sendCsv(res: Response, fileName: string, body: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
