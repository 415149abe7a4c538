import { z } from 'zod';
import { version as projectVersion } from '../bot/version';
import { zodIssueLines } from '../curriculum/zodIssues';
import type { TeamsAppSettings } from '../adapters/teams/manifest/teamsAppSettings';

/** Settings of the Teams package build: the app's settings plus where to write the zip. */
export interface TeamsPackageConfig extends TeamsAppSettings {
  /** Path of the zip to write (relative paths are taken from the working directory). */
  readonly outPath: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DEFAULT_ACCENT_COLOR = '#2E7D5B';
const DEFAULT_OUT_PATH = 'dist/teams-app.zip';

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).trim();

const requiredGuid = z.preprocess(blankToUndefined, text.regex(GUID, 'must be a GUID like 00000000-0000-0000-0000-000000000000'));
const optionalGuid = requiredGuid.optional();

/** An https URL without query or fragment, returned without a trailing slash. */
const httpsUrl = text
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }))
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'must not have a query string or #fragment')
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

const maxText = (max: number) => z.preprocess(blankToUndefined, text.max(max, `must be at most ${max} characters`).optional());

/** The environment variables the package build reads. Validated once; each problem names its variable. */
const envSchema = z.object({
  /** The bot's Microsoft App ID (same value the bot runs with). */
  MicrosoftAppId: requiredGuid,
  /** The Teams app's own id: generate one GUID per app and keep it. */
  TEAMS_APP_ID: requiredGuid,
  /** Public base URL of the bot; its host becomes the app's valid domain. */
  PUBLIC_URL: z.preprocess(blankToUndefined, httpsUrl),
  /** Publisher shown in Teams; defaults to the PUBLIC_URL host. */
  TEAMS_DEVELOPER_NAME: maxText(32),
  /** Defaults to PUBLIC_URL. */
  TEAMS_DEVELOPER_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
  /** Defaults to PUBLIC_URL/privacy. */
  TEAMS_PRIVACY_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
  /** Defaults to PUBLIC_URL/terms. */
  TEAMS_TERMS_URL: z.preprocess(blankToUndefined, httpsUrl.optional()),
  /** Colour behind the colour icon, #RRGGBB. */
  TEAMS_ACCENT_COLOR: z.preprocess(blankToUndefined, text.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2E7D5B').default(DEFAULT_ACCENT_COLOR)),
  /** Replaces the built-in short app name in every language. */
  TEAMS_APP_SHORT_NAME: maxText(30),
  /** Replaces the built-in full app name in every language. */
  TEAMS_APP_FULL_NAME: maxText(100),
  /** Entra app (client) id for single sign-on in the advisor tab. */
  TEAMS_SSO_CLIENT_ID: optionalGuid,
  /** Where to write the package. */
  TEAMS_PACKAGE_OUT: z.preprocess(blankToUndefined, text.default(DEFAULT_OUT_PATH)),
});

/** Raised when the environment does not validate; lists each variable and what is wrong with it. */
export class TeamsPackageConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Teams package configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'TeamsPackageConfigError';
  }
}

/** Options for {@link loadTeamsPackageConfig}. */
export interface LoadOptions {
  /** App version; defaults to the `version` of the project's package.json. */
  readonly version?: string;
}

/** Reads the Teams package settings from the environment (process.env by default). */
export function loadTeamsPackageConfig(env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): TeamsPackageConfig {
  const result = envSchema.safeParse(env);
  const version = options.version ?? projectVersion;
  const problems = result.success ? [] : zodIssueLines(result.error, '(environment)');
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    problems.push(`package.json version: must be MAJOR.MINOR.PATCH for Teams, it is ${version}`);
  }
  if (!result.success || problems.length > 0) throw new TeamsPackageConfigError(problems);

  const vars = result.data;
  const publicHost = new URL(vars.PUBLIC_URL).host;
  const names = { short: vars.TEAMS_APP_SHORT_NAME, full: vars.TEAMS_APP_FULL_NAME };
  return {
    botId: vars.MicrosoftAppId,
    appId: vars.TEAMS_APP_ID,
    version,
    publicUrl: vars.PUBLIC_URL,
    developer: {
      name: vars.TEAMS_DEVELOPER_NAME ?? publicHost.slice(0, 32),
      websiteUrl: vars.TEAMS_DEVELOPER_URL ?? vars.PUBLIC_URL,
      privacyUrl: vars.TEAMS_PRIVACY_URL ?? `${vars.PUBLIC_URL}/privacy`,
      termsOfUseUrl: vars.TEAMS_TERMS_URL ?? `${vars.PUBLIC_URL}/terms`,
    },
    accentColor: vars.TEAMS_ACCENT_COLOR,
    ...(names.short || names.full ? { names } : {}),
    ...(vars.TEAMS_SSO_CLIENT_ID ? { ssoClientId: vars.TEAMS_SSO_CLIENT_ID } : {}),
    outPath: vars.TEAMS_PACKAGE_OUT,
  };
}
