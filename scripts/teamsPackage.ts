import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { buildAdvisorManifest } from '../adapters/teams/manifest/buildAdvisorManifest';
import { ADVISOR_TAB_ENTITY_ID, buildManifest, type BuiltManifest, ICON_FILES, type TeamsManifest } from '../adapters/teams/manifest/buildManifest';
import { validatePackage } from '../adapters/teams/manifest/validatePackage';
import { teamsIcons } from '../adapters/teams/teamsIcons';
import { loadTeamsPackageConfig, TeamsPackageConfigError, type TeamsPackageConfig } from './teamsPackageConfig';

/** Outcome of a package build. The zip is written only when `errors` is empty. */
export interface TeamsPackageResult {
  /** Absolute path of the zip (written only when the package is valid). */
  readonly zipPath: string;
  /** The manifest as packed. */
  readonly manifest: TeamsManifest;
  /** Every schema and package problem found; empty for a good package. */
  readonly errors: readonly string[];
}

/** Options for {@link buildTeamsPackage}. */
export interface BuildTeamsPackageOptions {
  /** Changes the manifest after it is built and before it is packed and validated (tests use it to break it on purpose). */
  readonly adjustManifest?: (manifest: TeamsManifest) => TeamsManifest;
}

/**
 * Builds the learners' Teams app package (manifest.json, localization files, color.png, outline.png), reads the zip
 * back, validates it offline, and writes it to `config.outPath` if it is valid. A failed build removes any older zip
 * at that path, so a stale package is never mistaken for the new one.
 */
export async function buildTeamsPackage(config: TeamsPackageConfig, options: BuildTeamsPackageOptions = {}): Promise<TeamsPackageResult> {
  return packAndValidate(buildManifest(config), config, { botId: config.botId, outPath: config.outPath }, options);
}

/** The advisor app's package (the dashboard as a tab, no bot), built and checked the same way, at `config.advisorOutPath`. */
export async function buildAdvisorTeamsPackage(config: TeamsPackageConfig, options: BuildTeamsPackageOptions = {}): Promise<TeamsPackageResult> {
  return packAndValidate(buildAdvisorManifest(config), config, { botId: null, outPath: config.advisorOutPath }, options);
}

async function packAndValidate(
  built: BuiltManifest,
  config: TeamsPackageConfig,
  target: { botId: string | null; outPath: string },
  options: BuildTeamsPackageOptions,
): Promise<TeamsPackageResult> {
  const manifest = options.adjustManifest ? options.adjustManifest(structuredClone(built.manifest)) : built.manifest;
  const icons = teamsIcons(config.accentColor);
  const zip = zipSync(
    {
      'manifest.json': toJson(manifest),
      [ICON_FILES.color]: icons.color,
      [ICON_FILES.outline]: icons.outline,
      ...Object.fromEntries([...built.localizationFiles].map(([name, content]) => [name, toJson(content)])),
    },
    { level: 9 },
  );

  // Validate what was actually packed, read back through the zip's central directory as Teams reads it.
  const files = new Map(Object.entries(unzipSync(zip)));
  const errors = await validatePackage(files, { botId: target.botId, publicUrl: config.publicUrl });

  const zipPath = resolve(target.outPath);
  if (errors.length === 0) {
    await mkdir(dirname(zipPath), { recursive: true });
    await writeFile(zipPath, zip);
  } else {
    await rm(zipPath, { force: true });
  }
  return { zipPath, manifest, errors };
}

/** One line saying what the package holds. */
export function describePackage(manifest: TeamsManifest): string {
  const languages = [
    manifest.localizationInfo?.defaultLanguageTag,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.languageTag),
  ];
  const advisorTab = manifest.staticTabs?.find((tab) => tab.entityId === ADVISOR_TAB_ENTITY_ID);
  return [
    `Teams app "${manifest.name.short}" ${manifest.version} (id ${manifest.id})`,
    manifest.bots?.[0] ? `bot ${manifest.bots[0].botId} in ${manifest.bots[0].scopes.join('/')} scope` : 'no bot',
    `advisor tab ${advisorTab?.contentUrl ?? 'none'}`,
    ...(manifest.webApplicationInfo ? [`single sign-on ${manifest.webApplicationInfo.resource}`] : []),
    `languages ${languages.filter(Boolean).join(', ')}`,
    `valid domains ${(manifest.validDomains ?? []).join(', ')}`,
  ].join('; ');
}

function toJson(value: unknown): Uint8Array {
  return strToU8(`${JSON.stringify(value, null, 2)}\n`);
}

async function main(): Promise<number> {
  let config: TeamsPackageConfig;
  try {
    config = loadTeamsPackageConfig();
  } catch (error) {
    if (!(error instanceof TeamsPackageConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  for (const [what, build] of [
    ['learners’ app', buildTeamsPackage],
    ['advisor app', buildAdvisorTeamsPackage],
  ] as const) {
    const result = await build(config);
    if (result.errors.length > 0) {
      console.error(`The Teams ${what} package is not valid (${result.errors.length} problem(s)); no package was written:`);
      for (const error of result.errors) console.error(`  ${error}`);
      return 1;
    }
    console.log(result.zipPath);
    console.log(describePackage(result.manifest));
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
