import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** Every setting the bot reads from its environment, validated once at start-up. */
const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port of the HTTP server; 0 picks a free port (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Interface to listen on. The default keeps a development bot off the network. */
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** Public base URL of the bot (for links, the Teams package and the embed snippet). Defaults to the local address. */
    PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    /** Folder of the embedded file store, used when MONGODB_URI is not set. */
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** MongoDB connection string; when set, progress is kept in MongoDB instead of DATA_DIR. */
    MONGODB_URI: optionalString.pipe(
      z.string().regex(/^mongodb(\+srv)?:\/\/[^\s]+$/, 'must be a mongodb:// or mongodb+srv:// connection string').optional(),
    ),
    /** Database name when the URI does not name one. */
    MONGODB_DB: optionalString,
    /** Extra content folders that add or override modules (comma-separated). */
    CONTENT_DIRS: optionalString,
    /** Secret that signs web-chat tokens. Without it a random one is made at start-up (tokens then end with the process). */
    WEBCHAT_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /** Bot Framework registration. Empty app id: /api/messages accepts unauthenticated requests (local development only). */
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalString,
    /** Lets a production bot run without an app id; never set this on a public server. */
    ALLOW_UNAUTHENTICATED_CHANNELS: booleanFlag,
    /** OpenAI coach; without a key the offline coach gives rubric feedback. */
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    /** Largest request body accepted, in bytes. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(256 * 1024),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .superRefine((value, ctx) => {
    if (value.MicrosoftAppType === 'SingleTenant' && value.MicrosoftAppId && !value.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant app' });
    }
    if (value.NODE_ENV === 'production' && !value.MicrosoftAppId && !value.ALLOW_UNAUTHENTICATED_CHANNELS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required in production (or set ALLOW_UNAUTHENTICATED_CHANNELS=true for a closed test deployment)',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

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
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  return result.data;
}
