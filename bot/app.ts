import type { Server } from 'restify';
import { builtInContentDir, loadCurriculumOrThrow } from '../curriculum/loadCurriculum';
import { aiServiceFrom } from '../adapters/ai/aiService';
import { InMemoryCoachUsage } from '../adapters/ai/inMemoryCoachUsage';
import { OfflineCoach } from '../adapters/ai/offlineCoach';
import { BotFrameworkChannel, type BotFrameworkEndpoints } from '../adapters/botframework/botFrameworkChannel';
import { TeamsRenderer } from '../adapters/channels/teamsRenderer';
import { WebChatRenderer } from '../adapters/channels/webChatRenderer';
import { ConversationStream } from '../adapters/directline/conversationStream';
import { DirectLineChannel } from '../adapters/directline/directLineChannel';
import { registerDirectLineRoutes } from '../adapters/directline/directLineRoutes';
import { SessionRateLimiter } from '../adapters/directline/sessionRateLimiter';
import { WebChatData } from '../adapters/directline/webChatData';
import { WEB_CHAT_LIMITS } from '../adapters/directline/webChatLimits';
import { WebChatSessions } from '../adapters/directline/webChatSessions';
import { WebChatTokens } from '../adapters/directline/webChatTokens';
import { ExportLinks } from '../adapters/web/exportLinks';
import { registerExportRoutes } from '../adapters/web/exportRoutes';
import { registerInfoPages } from '../adapters/web/infoPages';
import { registerDashboardRoutes } from '../adapters/advisor/dashboardRoutes';
import { proactiveFailure } from '../adapters/botframework/proactiveFailure';
import { AdvisorDashboard } from './advisors/advisorDashboard';
import { AdvisorTurnBridge } from './advisors/advisorTurnBridge';
import { exportWithAdvisorPart } from './exports/exportWithAdvisorPart';
import { AdvisorSessions } from './advisors/signIn/advisorSessions';
import { EntraSignIn } from './advisors/signIn/entraSignIn';
import { TeamsTabTokens } from './advisors/signIn/teamsTabTokens';
import { OutboxDispatcher } from './outbox/outboxDispatcher';
import type { ProactiveChannel } from './outbox/proactiveChannel';
import type { JWTVerifyGetKey } from 'jose';
import { EmbedGrants } from '../adapters/webchat/embedGrants';
import { sessionOrganisation } from '../adapters/webchat/sessionOrganisation';
import { registerWebChatRoutes } from '../adapters/webchat/webChatRoutes';
import type { ChannelTurn } from './channel/channelTurn';
import type { Organisation } from './organisations/organisation';
import type { OrganisationProgrammes } from './organisations/organisationProgrammes';
import type { CoachUsageCounter } from './ports/coachUsage';
import { CoachService } from './coachService';
import type { Config } from './config';
import { ExactlyOnce } from './exactlyOnce';
import { createLogger, type Logger } from './logger';
import { openAdvisorStores, openStore, openWebChatStores } from './openStore';
import type { Store } from './ports/store';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from './organisations/loadOrganisations';
import { organisationSetup } from './organisations/programmeSetup';
import { ProgrammeBot } from './programmeBot';
import { GracefulDrain, type DrainOutcome } from './http/gracefulDrain';
import { createServer } from './server';
import { TurnEngine } from './turnEngine';
import { loadWebChatSecret } from './webChatSecret';
import { version } from './version';

const BOT_ID = 'programme-bot';
/** Open connections one client address may hold when MAX_CONNECTIONS_PER_ADDRESS is unset and there is no proxy. */
const DEFAULT_CONNECTIONS_PER_ADDRESS = 100;
const BOT_NAME = 'Programme bot';

export type { BotFrameworkEndpoints } from '../adapters/botframework/botFrameworkChannel';

export interface RunningApp {
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978. */
  readonly url: string;
  readonly server: Server;
  /** The store the app uses (the file store admits one user per data folder, so a reader in tests goes through it). */
  readonly store: Store;
  /**
   * Shuts down gracefully: refuses new requests with 503, lets those in progress finish (up to `graceMs`, by default
   * SHUTDOWN_GRACE_SECONDS), then closes the store.
   */
  drain(graceMs?: number): Promise<DrainOutcome>;
  /** AI coach usage per organisation since start-up (tokens, calls, fallbacks), for the advisor views. */
  readonly coachUsage: CoachUsageCounter;
  /** Resolves when every AI coach reply started so far has been delivered. */
  coachSettled(): Promise<void>;
  /** drain(), for tests and callers that need no figures. */
  stop(): Promise<void>;
}

/** What startApp takes besides the configuration. */
export interface StartAppOptions {
  /** Defaults to a logger at config.LOG_LEVEL. */
  readonly logger?: Logger;
  /**
   * Tests and private clouds only; not configurable from the environment. Unset, the bot trusts Microsoft's
   * public Bot Framework cloud, as production always should.
   */
  readonly botFrameworkEndpoints?: BotFrameworkEndpoints;
  /** Tests only: the keys the Teams tab's tokens are checked with, instead of Entra's published keys. */
  readonly teamsTabKeys?: JWTVerifyGetKey;
  /** Tests only: the outbox dispatcher's lease, in milliseconds (default 30 s). */
  readonly outboxLeaseMs?: number;
}

/** The composition root: the only place that chooses adapters. Starts the bot server and resolves when it listens. */
export async function startApp(config: Config, options: StartAppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const contentDirs = [
    builtInContentDir(),
    ...(config.CONTENT_DIRS?.split(',')
      .map((d) => d.trim())
      .filter(Boolean) ?? []),
  ];
  const curriculum = loadCurriculumOrThrow(contentDirs);
  const organisationList = loadOrganisationsOrThrow(config.ORGANISATIONS_DIR ?? builtInOrganisationsDir(), {
    moduleIds: curriculum.modules.map((m) => m.id),
  });
  const ai = aiServiceFrom(config);
  const { organisations, programmes } = organisationSetup(curriculum, organisationList, config.DEFAULT_ORGANISATION, ai?.name);
  const store = await openStore(config, logger);
  await store.saveOrganisations(organisationList).catch((error: unknown) => logger.warn({ err: error }, 'organisations not copied to the store yet'));
  const webChatStores = await openWebChatStores(config, store);
  const webChatSecret = await loadWebChatSecret(config.WEBCHAT_TOKEN_SECRET, config.DATA_DIR);
  const stream = new ConversationStream(webChatStores.streams);
  const sessions = new WebChatSessions({
    store: webChatStores.sessions,
    tokens: new WebChatTokens({ secret: webChatSecret, accessTokenSeconds: WEB_CHAT_LIMITS.accessTokenSeconds }),
  });
  const exportLinks = new ExportLinks({ secret: webChatSecret });
  const offlineCoach = new OfflineCoach();
  const coachUsage = new InMemoryCoachUsage();
  const coach = new CoachService(ai?.coach ?? offlineCoach, offlineCoach, logger, {
    deadlineMs: config.COACH_TIMEOUT_MS,
    aiEnabledFor: (organisationId) => programmes.usesAi(organisationId),
    callsPerLearner: { limit: config.COACH_CALLS_PER_LEARNER_PER_HOUR, windowMs: 60 * 60_000 },
    usage: coachUsage,
  });
  const advisorStores = await openAdvisorStores(store);
  // The dispatcher needs the channels, which need the bot, which needs the engine: the engine asks for it late.
  const late: { dispatcher?: OutboxDispatcher } = {};
  const kickDispatcher = () => late.dispatcher?.kick();
  const advisorBridge = new AdvisorTurnBridge({ store, stores: advisorStores, kickDispatcher, logger });
  const engine = new TurnEngine({
    store,
    programmes,
    organisations,
    coach,
    logger,
    exportLinks,
    channelData: new WebChatData(stream, sessions),
    rateCounters: webChatStores.counters,
    advisors: advisorBridge,
  });
  logAiSetup(logger, ai?.name, organisationList, programmes);

  const webChatRenderer = new WebChatRenderer();
  const teamsRenderer = new TeamsRenderer(config.PUBLIC_URL ?? null);
  const bot = new ProgrammeBot({
    engine,
    rendererFor: (channelId) => (channelId === 'msteams' ? teamsRenderer : webChatRenderer),
    organisations,
    organisationPolicy: { requireKnownTenant: config.TEAMS_REQUIRE_KNOWN_TENANT },
    logger,
  });
  const runBot = (turn: ChannelTurn) => bot.run(turn);

  const drain = new GracefulDrain();
  const server = createServer({
    name: 'social-venture-coach',
    version,
    maxBodyBytes: config.MAX_BODY_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_SECONDS * 1000,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS ?? (config.TRUST_PROXY ? 0 : DEFAULT_CONNECTIONS_PER_ADDRESS),
    https: config.PUBLIC_URL?.startsWith('https://') ?? false,
    drain,
    logger,
    storeHealth: () => store.health(),
  });
  const deliveries = new ExactlyOnce({ results: store.turnResults(), logger });
  const botFramework = new BotFrameworkChannel({ config, endpoints: options.botFrameworkEndpoints, bot: runBot, deliveries, logger });
  botFramework.registerRoutes(server);
  const grants = new EmbedGrants({ secret: webChatSecret });
  const directLine = new DirectLineChannel({ stream, botId: BOT_ID, botName: BOT_NAME, bot: runBot });
  registerDirectLineRoutes(server, {
    channel: directLine,
    sessions,
    deliveries,
    storeBudgetMs: config.MONGODB_REQUEST_TIMEOUT_MS,
    onError: (error) => logger.error({ err: error }, 'web chat turn failed'),
    sessionLimiter: new SessionRateLimiter({
      counters: webChatStores.counters,
      newLearnersPerMinute: config.WEBCHAT_SESSIONS_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
    }),
    defaultOrganisationId: organisations.fallback.id,
    sessionOrganisation: sessionOrganisation({ grants, organisations, defaultOrganisationId: organisations.fallback.id }),
  });
  registerInfoPages(server);
  registerExportRoutes(server, {
    links: exportLinks,
    store: { exportLearner: (learnerId) => exportWithAdvisorPart(store, advisorBridge, learnerId) },
    curriculum,
    organisations,
    logger,
  });

  // The advisor side: the dashboard and the outbox that delivers advisors' notes into the learners' chats.
  const proactive = new Map<string, ProactiveChannel>([
    [
      'webchat',
      {
        canReach: (reference) => directLine.stream.exists(conversationIdOf(reference)),
        send: (reference, message, locale) =>
          directLine.sendTo(reference as { conversation: { id: string } }, withLocale(webChatRenderer.render([message]), locale)),
        failureOf: (error) => ({ retryable: true, reason: error instanceof Error ? error.message : String(error) }),
      },
    ],
    [
      'msteams',
      {
        canReach: () => true,
        send: (reference, message, locale) => botFramework.sendTo(reference, withLocale(teamsRenderer.render([message]), locale)),
        failureOf: proactiveFailure,
      },
    ],
  ]);
  const dispatcher = new OutboxDispatcher({
    outbox: advisorStores.outbox,
    notes: advisorStores.notes,
    store,
    organisations,
    programmes,
    channels: proactive,
    logger,
    pollMs: config.OUTBOX_POLL_MS,
    ...(options.outboxLeaseMs ? { leaseMs: options.outboxLeaseMs } : {}),
  });
  late.dispatcher = dispatcher;
  const publicHost = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : undefined;
  registerDashboardRoutes(server, {
    advisors: advisorStores.advisors,
    sessions: new AdvisorSessions(advisorStores.advisors),
    dashboard: new AdvisorDashboard({ store, stores: advisorStores, programmes, stalledAfterDays: config.STALLED_AFTER_DAYS, kickDispatcher }),
    organisations,
    programmes,
    ...(config.ENTRA_ISSUER && config.ENTRA_CLIENT_ID && config.ENTRA_CLIENT_SECRET && config.PUBLIC_URL
      ? {
          entra: new EntraSignIn({
            issuer: config.ENTRA_ISSUER,
            clientId: config.ENTRA_CLIENT_ID,
            clientSecret: config.ENTRA_CLIENT_SECRET,
            redirectUri: `${config.PUBLIC_URL.replace(/\/+$/, '')}/advisor/entra/callback`,
            advisors: advisorStores.advisors,
          }),
        }
      : {}),
    ...(config.TEAMS_SSO_CLIENT_ID && publicHost
      ? {
          tabTokens: new TeamsTabTokens({
            clientId: config.TEAMS_SSO_CLIENT_ID,
            host: publicHost,
            ...(options.teamsTabKeys ? { keys: options.teamsTabKeys } : {}),
          }),
        }
      : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
    trustProxy: config.TRUST_PROXY,
  });
  registerWebChatRoutes(server, {
    title: { sv: 'Socialt företagande – programmet', en: 'The social enterprise programme' },
    organisations,
    defaultOrganisationId: organisations.fallback.id,
    grants,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url, store: (await store.health()).kind }, 'bot server listening');
  dispatcher.start();

  let drained: Promise<DrainOutcome> | undefined;
  const drainOnce = (graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000) =>
    (drained ??= drain.drain(server.server, graceMs).then(async (outcome) => {
      // Replies of the AI coach on their way are delivered (each ends by its deadline) before the store closes.
      await bot.settled();
      await dispatcher.stop();
      await engine.idle();
      await webChatStores.close();
      await store.close();
      return outcome;
    }));
  return {
    url,
    server,
    store,
    drain: drainOnce,
    coachUsage,
    coachSettled: () => bot.settled(),
    async stop() {
      await drainOnce();
    },
  };
}

/** Activities of a proactive message, marked with the learner's language like every reply (see ProgrammeBot). */
function withLocale<T extends object>(activities: readonly T[], locale: 'sv' | 'en'): T[] {
  return activities.map((activity) => ({ ...activity, locale: locale === 'en' ? 'en-US' : 'sv-SE' }));
}

/** The conversation id inside a stored Direct Line reference ('' when it has none). */
function conversationIdOf(reference: Readonly<Record<string, unknown>>): string {
  const id = (reference.conversation as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
}

/** Says at start-up which organisations use the AI coach, and warns about one that wants it when no service is set. */
function logAiSetup(logger: Logger, service: string | undefined, organisations: readonly Organisation[], programmes: OrganisationProgrammes): void {
  const wanting = organisations.filter((o) => o.ai.enabled).map((o) => o.id);
  if (!service && wanting.length > 0)
    logger.warn({ organisations: wanting }, 'AI coach enabled for organisations but no AI service is configured; the offline coach answers');
  else if (service)
    logger.info({ service, organisations: organisations.filter((o) => programmes.usesAi(o.id)).map((o) => o.id) }, 'AI coach configured');
}
