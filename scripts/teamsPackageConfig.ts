import { createHash } from 'node:crypto';
import { z } from 'zod';
import { version as projectVersion } from '../bot/version';
import { zodIssueLines } from '../curriculum/zodIssues';
import type { TeamsAppSettings } from '../adapters/teams/manifest/teamsAppSettings';

/** Settings of the Teams package build: the app's settings plus where to write the zip. */
export interface TeamsPackageConfig extends TeamsAppSettings {
  /** Path of the learners' app zip to write (relative paths are taken from the working directory). */
  readonly outPath: string;
  /** Path of the advisor app zip. */
  readonly advisorOutPath: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DEFAULT_ACCENT_COLOR = '#2E7D5B';
const DEFAULT_OUT_PATH = 'dist/teams-app.zip';
const DEFAULT_ADVISOR_OUT_PATH = 'dist/teams-advisor-app.zip';

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
  /** The advisor app's own id; by default a GUID derived from TEAMS_APP_ID, so it stays the same between builds. */
  TEAMS_ADVISOR_APP_ID: optionalGuid,
  /** Where to write the advisor app's package. */
  TEAMS_ADVISOR_PACKAGE_OUT: z.preprocess(blankToUndefined, text.default(DEFAULT_ADVISOR_OUT_PATH)),
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
    advisorAppId: vars.TEAMS_ADVISOR_APP_ID ?? derivedGuid(`${vars.TEAMS_APP_ID.toLowerCase()}:advisor-app`),
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
    advisorOutPath: vars.TEAMS_ADVISOR_PACKAGE_OUT,
  };
}

/** A stable GUID (version 5 layout) from a name: the same name gives the same id on every build. */
function derivedGuid(name: string): string {
  const hex = createHash('sha1').update(name, 'utf8').digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
