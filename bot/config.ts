import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { zodIssueLines } from '../curriculum/zodIssues';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/**
 * Which proxies in front of the bot are trusted to say who the client is: none, a number of hops (1: one reverse proxy,
 * whose own entry in X-Forwarded-For names the client), or the proxies' addresses and ranges.
 */
export type TrustProxy = false | number | readonly string[];

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): TrustProxy => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return 1;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const list = value.split(',').map((entry) => entry.trim());
    try {
      proxyaddr.compile(list);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be false, a number of proxy hops, or a comma-separated list of proxy addresses or ranges' });
      return z.NEVER;
    }
    return list;
  });

/** Every setting the bot reads from its environment, validated once at start-up. */
const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port of the HTTP server; 0 picks a free port (tests). */
    PORT: z.coerce
      .number({ error: 'must be a port number from 0 to 65535' })
      .int()
      .min(0)
      .max(65535, 'must be a port number from 0 to 65535')
      .default(3978),
    /** Interface to listen on. The default keeps a development bot off the network. */
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /**
     * The bot's public https address (links in Teams messages, the Teams package, advisors' sign-in links and the Entra
     * redirect; advisors' session cookies are Secure when it is https); unset on a developer's machine.
     */
    PUBLIC_URL: optionalString.pipe(
      z
        .url({ protocol: /^https?$/, error: "must be the bot's public address, such as https://coach.example.org" })
        .transform((url) => url.replace(/\/+$/, ''))
        .optional(),
    ),
    /** Folder of the embedded file store, used when MONGODB_URI is not set. */
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** MongoDB connection string; when set, progress is kept in MongoDB instead of DATA_DIR. */
    MONGODB_URI: optionalString.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/[^\s]+$/, 'must be a mongodb:// or mongodb+srv:// connection string')
        .optional(),
    ),
    /** Database name when the URI does not name one. */
    MONGODB_DB: optionalString,
    /**
     * Longest wait for MongoDB in one store operation (server selection, connecting, the server's answer), so a silent
     * database costs a learner an apology within seconds; below the channel's own deadline (Teams: about 15 s).
     */
    MONGODB_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(60_000).default(4000),
    /**
     * Longest one chat request (a learner's message, a web chat's start) waits for MongoDB over all its operations
     * together: a message makes several in a row, each bounded by MONGODB_TIMEOUT_MS, and this bounds their sum.
     */
    MONGODB_REQUEST_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(60_000).default(5000),
    /** Extra content folders that add or override modules (comma-separated). */
    CONTENT_DIRS: optionalString,
    /** Folder of the organisation files (one YAML file per organisation); the shipped demo organisation by default. */
    ORGANISATIONS_DIR: optionalString,
    /** Where Teams users of an unlisted tenant and channels without an organisation belong. */
    DEFAULT_ORGANISATION: z.string().trim().min(1).default('demo'),
    /** Refuse Teams users whose tenant no organisation lists (instead of placing them in DEFAULT_ORGANISATION). */
    TEAMS_REQUIRE_KNOWN_TENANT: booleanFlag,
    /** Secret that signs web-chat tokens. Without it a random one is made at start-up (tokens then end with the process). */
    WEBCHAT_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /**
     * Bot Framework registration (see registrationProblem for the rules). Empty app id: /api/messages accepts
     * unauthenticated requests (local development only). With UserAssignedMSI it is the managed identity's client id.
     */
    MicrosoftAppId: optionalString,
    /** Client secret of the app registration: required for SingleTenant and MultiTenant, must be absent for UserAssignedMSI. */
    MicrosoftAppPassword: optionalString,
    /**
     * SingleTenant (the default) or UserAssignedMSI (a managed identity, no secret); MultiTenant is for existing
     * registrations only (deprecated for new bots since 31 July 2025).
     */
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    /** Entra tenant of the registration: required for SingleTenant and UserAssignedMSI. */
    MicrosoftAppTenantId: optionalString,
    /** Lets a production bot run without an app id; never set this on a public server. */
    ALLOW_UNAUTHENTICATED_CHANNELS: booleanFlag,
    /** New web-chat sessions and conversation starts allowed per client address per minute. */
    WEBCHAT_SESSIONS_PER_MINUTE: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(100_000).default(120),
    /**
     * Which proxies in front of the bot may say who the client is (X-Forwarded-For, read from the right): "false" (none,
     * the default), a number of hops ("1" behind one reverse proxy; "true" means 1), or a comma-separated list of the
     * proxies' addresses, ranges or the names loopback, linklocal, uniquelocal.
     */
    TRUST_PROXY: trustProxy,
    /** Largest request body accepted, in bytes. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10_000_000)
      .default(256 * 1024),
    /**
     * Requests to /api/messages per client address per minute while it is unauthenticated (no app id). With an app id
     * every request carries a channel token, and the traffic comes from Microsoft's few addresses: no limit applies.
     */
    UNAUTHENTICATED_MESSAGES_PER_MINUTE: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(1_000_000).default(300),
    /** A request whose headers and body have not fully arrived within this many seconds gets 408 and is closed. */
    REQUEST_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).default(15),
    /**
     * Open connections allowed from one client address; more are refused. Unset: 100, or no cap with TRUST_PROXY
     * (behind a proxy every connection comes from the proxy's address: cap clients there). 0 turns the cap off.
     */
    MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(100_000).optional(),
    /** On SIGTERM or SIGINT, how long requests already in progress may take to finish before the process exits. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(300).default(8),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** A learner with no activity for this many days shows as stalled in the advisor dashboard. */
    STALLED_AFTER_DAYS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(365).default(14),
    /**
     * Microsoft Entra sign-in for advisors on the web (OpenID Connect code flow with PKCE): the issuer of the app
     * registration's tenant, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. Unset, advisors sign in by link only.
     */
    ENTRA_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    /** Application (client) id of the Entra app registration used for advisors' web sign-in. */
    ENTRA_CLIENT_ID: optionalString,
    /** Client secret of that registration. */
    ENTRA_CLIENT_SECRET: optionalString,
    /** Entra application (client) id whose tokens the advisor Teams tab sends (single sign-on); unset, the tab shows the web sign-in. */
    TEAMS_SSO_CLIENT_ID: optionalString,
    /** How often each bot instance looks for advisor notes to deliver, in milliseconds. */
    OUTBOX_POLL_MS: z.coerce.number({ error: 'must be a whole number' }).int().min(50).max(600_000).default(1000),
    /** OpenAI, or any OpenAI-compatible service at OPENAI_BASE_URL: the key (a local server may need none). */
    OPENAI_API_KEY: optionalString,
    /** An OpenAI-compatible server instead of OpenAI's own (a local model server, a gateway). */
    OPENAI_BASE_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, error: 'must be the base URL of an OpenAI-compatible API, such as http://127.0.0.1:11434/v1' }).optional(),
    ),
    /** The model the coach asks (OpenAI or compatible); required with OPENAI_API_KEY or OPENAI_BASE_URL. */
    OPENAI_MODEL: optionalString,
    /** Azure OpenAI instead: the resource's endpoint, such as https://my-resource.openai.azure.com. */
    AZURE_OPENAI_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be the Azure OpenAI endpoint URL' }).optional()),
    AZURE_OPENAI_API_KEY: optionalString,
    /** The deployment (of a model that supports structured outputs) the coach asks. */
    AZURE_OPENAI_DEPLOYMENT: optionalString,
    AZURE_OPENAI_API_VERSION: z.string().trim().min(1).default('2024-10-21'),
    /** How the consent names the AI service learners' answers go to; by default "OpenAI", "Azure OpenAI" or the server's host. */
    AI_SERVICE_NAME: optionalString,
    /** How long the AI coach may take before the offline coach answers instead, in milliseconds. */
    COACH_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(500).max(60_000).default(8000),
    /** AI coach calls one learner may cause per hour; beyond it the offline coach answers for them. */
    COACH_CALLS_PER_LEARNER_PER_HOUR: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(10_000).default(60),
  })
  .superRefine((value, ctx) => {
    if (value.ENTRA_ISSUER && (!value.ENTRA_CLIENT_ID || !value.ENTRA_CLIENT_SECRET || !value.PUBLIC_URL)) {
      const missing = !value.ENTRA_CLIENT_ID ? 'ENTRA_CLIENT_ID' : !value.ENTRA_CLIENT_SECRET ? 'ENTRA_CLIENT_SECRET' : 'PUBLIC_URL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when ENTRA_ISSUER is set (advisors sign in with Entra)' });
    }
    if (value.TEAMS_SSO_CLIENT_ID && !value.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required when TEAMS_SSO_CLIENT_ID is set (the tab token names it as audience)',
      });
    }
    const problem = registrationProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
    const ai = aiServiceProblem(value);
    if (ai) ctx.addIssue({ code: 'custom', path: [ai.variable], message: ai.message });
    if (value.NODE_ENV === 'production' && value.MONGODB_URI && !value.WEBCHAT_TOKEN_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBCHAT_TOKEN_SECRET'],
        message:
          "is required in production with MONGODB_URI: every bot instance on the shared database must sign web-chat tokens with the same secret (a generated one stays in one instance's DATA_DIR)",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

type Registration = Pick<
  Config,
  'NODE_ENV' | 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'ALLOW_UNAUTHENTICATED_CHANNELS'
>;

/**
 * The rules for the Bot Framework registration, the same ones the SDK's credential factory asserts at start-up,
 * checked here so the message names the variable:
 * - no app id: allowed outside production (authentication off); in production only with ALLOW_UNAUTHENTICATED_CHANNELS=true;
 *   a password without an app id is refused, since the bot would silently run unauthenticated;
 * - SingleTenant: tenant id and password required;
 * - UserAssignedMSI: tenant id required, no password (the managed identity gets its tokens from Azure);
 * - MultiTenant: password required.
 * Only the first missing piece is reported; the next one shows once it is fixed.
 */
function registrationProblem(value: Registration): { variable: keyof Registration; message: string } | undefined {
  const type = value.MicrosoftAppType;
  if (!value.MicrosoftAppId) {
    if (value.MicrosoftAppPassword) {
      return {
        variable: 'MicrosoftAppId',
        message: 'is required when MicrosoftAppPassword is set (without it /api/messages accepts unauthenticated requests)',
      };
    }
    if (value.NODE_ENV === 'production' && !value.ALLOW_UNAUTHENTICATED_CHANNELS) {
      return {
        variable: 'MicrosoftAppId',
        message: 'is required in production (or set ALLOW_UNAUTHENTICATED_CHANNELS=true for a closed test deployment)',
      };
    }
    return undefined;
  }
  if (type !== 'MultiTenant' && !value.MicrosoftAppTenantId) return { variable: 'MicrosoftAppTenantId', message: `is required for a ${type} app` };
  if (type === 'UserAssignedMSI' && value.MicrosoftAppPassword) {
    return { variable: 'MicrosoftAppPassword', message: 'must not be set for a UserAssignedMSI app (the managed identity has no secret)' };
  }
  if (type !== 'UserAssignedMSI' && !value.MicrosoftAppPassword) {
    return { variable: 'MicrosoftAppPassword', message: `is required for a ${type} app` };
  }
  return undefined;
}

type AiSettings = Pick<
  Config,
  'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'AZURE_OPENAI_ENDPOINT' | 'AZURE_OPENAI_API_KEY' | 'AZURE_OPENAI_DEPLOYMENT'
>;

/** The AI service settings that belong together: Azure needs its key and deployment, OpenAI (or compatible) a model. */
function aiServiceProblem(value: AiSettings): { variable: keyof AiSettings; message: string } | undefined {
  if (value.AZURE_OPENAI_ENDPOINT) {
    if (!value.AZURE_OPENAI_API_KEY) return { variable: 'AZURE_OPENAI_API_KEY', message: 'is required with AZURE_OPENAI_ENDPOINT' };
    if (!value.AZURE_OPENAI_DEPLOYMENT)
      return { variable: 'AZURE_OPENAI_DEPLOYMENT', message: 'is required with AZURE_OPENAI_ENDPOINT (the model deployment to ask)' };
    return undefined;
  }
  if ((value.OPENAI_API_KEY || value.OPENAI_BASE_URL) && !value.OPENAI_MODEL) {
    return { variable: 'OPENAI_MODEL', message: 'is required with OPENAI_API_KEY or OPENAI_BASE_URL (the model to ask, such as gpt-4.1-mini)' };
  }
  return undefined;
}

/** Raised when the environment does not validate; the message names each variable and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env by default). The only place the bot reads environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(zodIssueLines(result.error, '(environment)'));
  }
  return result.data;
}
