import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Which of the Teams JSON schemas to load. */
export type TeamsSchemaKind = 'manifest' | 'localization';

const schemaFileByKind: Readonly<Record<TeamsSchemaKind, string>> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

/**
 * Loads a Teams JSON schema from the copies bundled in `@microsoft/app-manifest`, so validation never
 * touches the network. Returns undefined when the package has no schema for that manifest version.
 */
export function bundledSchema(manifestVersion: string, kind: TeamsSchemaKind): Record<string, unknown> | undefined {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return undefined;
  const packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, schemaFileByKind[kind]);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8')
    // Some of Microsoft's schema files contain \a and \v escapes that JSON does not allow; the package rewrites them the same way.
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b')
    // The localization schemas' activities.activityTypes[...] patterns end the index with an unescaped `]`,
    // which ajv's unicode regular expressions reject ("Lone quantifier brackets"); escape it as intended.
    .replace(/\\\\b\]/g, '\\\\b\\\\]');
  return JSON.parse(text) as Record<string, unknown>;
}
