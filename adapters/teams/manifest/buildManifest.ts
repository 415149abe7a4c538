import type { TeamsManifestV1D19 } from '@microsoft/app-manifest';
import { DEFAULT_LANGUAGE_TAG, manifestTexts, type ManifestTexts } from './manifestTexts';
import type { TeamsAppSettings } from './teamsAppSettings';

/** A Teams app manifest in the schema version this project targets. */
export type TeamsManifest = TeamsManifestV1D19.TeamsManifestV1D19;

/** The manifest plus the localization files it points to (file name → JSON content). */
export interface BuiltManifest {
  readonly manifest: TeamsManifest;
  readonly localizationFiles: ReadonlyMap<string, Record<string, unknown>>;
}

const SCHEMA_BASE = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19';
/** Reserved entity id: Teams puts the bot's chat where this entry sits, so the chat stays the first tab. */
const CHAT_TAB_ENTITY_ID = 'conversations';
/** Entity id of the advisor dashboard tab in the advisor app (see buildAdvisorManifest). */
export const ADVISOR_TAB_ENTITY_ID = 'advisor-dashboard';
/** File names of the icons inside the package. */
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

/**
 * Builds the learners' manifest (the bot in personal scope, its chat as the only tab) from the deployment's settings.
 * Advisors get the dashboard from a separate app (buildAdvisorManifest), so no learner sees an advisor tab.
 */
export function buildManifest(settings: TeamsAppSettings): BuiltManifest {
  const texts = withNames(manifestTexts.default, settings);
  const host = new URL(settings.publicUrl).host;
  const staticTabs: TeamsManifest['staticTabs'] = [{ entityId: CHAT_TAB_ENTITY_ID, scopes: ['personal'] }];

  const localizationFiles = new Map<string, Record<string, unknown>>();
  for (const [languageTag, languageTexts] of Object.entries(manifestTexts.additional)) {
    const localized = withNames(languageTexts, settings);
    localizationFiles.set(`${languageTag}.json`, {
      $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
      'name.short': localized.nameShort,
      'name.full': localized.nameFull,
      'description.short': localized.descriptionShort,
      'description.full': localized.descriptionFull,
      ...Object.fromEntries(
        localized.commands.flatMap((command, i) => [
          [`bots[0].commandLists[0].commands[${i}].title`, command.title],
          [`bots[0].commandLists[0].commands[${i}].description`, command.description],
        ]),
      ),
    });
  }

  const manifest: TeamsManifest = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: '1.19',
    version: settings.version,
    id: settings.appId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE_TAG,
      additionalLanguages: [...localizationFiles.keys()].map((file) => ({ languageTag: file.replace(/\.json$/, ''), file })),
    },
    developer: { ...settings.developer },
    name: { short: texts.nameShort, full: texts.nameFull },
    description: { short: texts.descriptionShort, full: texts.descriptionFull },
    icons: { ...ICON_FILES },
    accentColor: settings.accentColor,
    bots: [
      {
        botId: settings.botId,
        scopes: ['personal'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [{ scopes: ['personal'], commands: texts.commands.map((command) => ({ ...command })) }],
      },
    ],
    staticTabs,
    validDomains: [host],
  };
  return { manifest, localizationFiles };
}

function withNames(texts: ManifestTexts, settings: TeamsAppSettings): ManifestTexts {
  return {
    ...texts,
    nameShort: settings.names?.short ?? texts.nameShort,
    nameFull: settings.names?.full ?? texts.nameFull,
  };
}
