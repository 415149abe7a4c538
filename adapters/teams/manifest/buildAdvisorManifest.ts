import { ADVISOR_TAB_ENTITY_ID, type BuiltManifest, ICON_FILES, type TeamsManifest } from './buildManifest';
import { advisorAppTexts } from './manifestTexts';
import { DEFAULT_LANGUAGE_TAG } from './manifestTexts';
import type { TeamsAppSettings } from './teamsAppSettings';

const SCHEMA_BASE = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19';

/** Where the advisor tab opens: the tab page, which signs in with the Teams token (see adapters/advisor/tabPage.ts). */
export const ADVISOR_TAB_PATH = '/advisor/tab';

/**
 * The advisor app: no bot, one personal tab with the dashboard, and single sign-on (webApplicationInfo) when an Entra
 * client id is configured. Separate from the learners' app, so that only advisors install it.
 */
export function buildAdvisorManifest(settings: TeamsAppSettings): BuiltManifest {
  const texts = advisorAppTexts.default;
  const host = new URL(settings.publicUrl).host;
  const localizationFiles = new Map<string, Record<string, unknown>>();
  for (const [languageTag, localized] of Object.entries(advisorAppTexts.additional)) {
    localizationFiles.set(`${languageTag}.json`, {
      $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
      'name.short': localized.nameShort,
      'name.full': localized.nameFull,
      'description.short': localized.descriptionShort,
      'description.full': localized.descriptionFull,
      'staticTabs[0].name': localized.tabName,
    });
  }
  const manifest: TeamsManifest = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: '1.19',
    version: settings.version,
    id: settings.advisorAppId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE_TAG,
      additionalLanguages: [...localizationFiles.keys()].map((file) => ({ languageTag: file.replace(/\.json$/, ''), file })),
    },
    developer: { ...settings.developer },
    name: { short: texts.nameShort, full: texts.nameFull },
    description: { short: texts.descriptionShort, full: texts.descriptionFull },
    icons: { ...ICON_FILES },
    accentColor: settings.accentColor,
    staticTabs: [
      {
        entityId: ADVISOR_TAB_ENTITY_ID,
        name: texts.tabName,
        contentUrl: `${settings.publicUrl}${ADVISOR_TAB_PATH}?inTeams=1`,
        websiteUrl: `${settings.publicUrl}/advisor`,
        scopes: ['personal'],
      },
    ],
    validDomains: [host],
    ...(settings.ssoClientId ? { webApplicationInfo: { id: settings.ssoClientId, resource: `api://${host}/${settings.ssoClientId}` } } : {}),
  };
  return { manifest, localizationFiles };
}
