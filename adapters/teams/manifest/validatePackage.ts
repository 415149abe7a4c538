import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { bundledSchema, type TeamsSchemaKind } from './bundledSchema';
import { checkBindings, type PackageExpectations } from './checkBindings';
import { checkIcons } from './checkIcons';

export type { PackageExpectations } from './checkBindings';

/**
 * Validates the files of a Teams app package offline: manifest.json and its localization files against the
 * JSON schemas bundled in `@microsoft/app-manifest`, then the icons and the deployment bindings.
 * Returns every problem found (empty when the package is good), each prefixed with the file it is about.
 */
export async function validatePackage(files: ReadonlyMap<string, Uint8Array>, expected: PackageExpectations): Promise<string[]> {
  const manifest = readJson(files, 'manifest.json');
  if (!manifest.ok) return [manifest.problem];
  if (manifest.value === null || typeof manifest.value !== 'object' || Array.isArray(manifest.value)) {
    return ['manifest.json: must be a JSON object'];
  }

  const record = manifest.value as Record<string, unknown>;
  const manifestVersion = String(record.manifestVersion);
  const problems = await schemaProblems('manifest.json', record, manifestVersion, 'manifest');

  if (typeof record.$schema === 'string' && !record.$schema.endsWith(`/v${manifestVersion}/MicrosoftTeams.schema.json`)) {
    problems.push(`manifest.json: $schema ${record.$schema} does not match manifestVersion ${manifestVersion}`);
  }
  for (const file of localizationFileNames(record.localizationInfo)) {
    const localization = readJson(files, file);
    if (!localization.ok) problems.push(localization.problem);
    else problems.push(...(await schemaProblems(file, localization.value, manifestVersion, 'localization')));
  }
  problems.push(...checkIcons(record.icons ?? {}, files));
  problems.push(...checkBindings(record, expected));
  return problems;
}

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

async function schemaProblems(file: string, value: unknown, manifestVersion: string, kind: TeamsSchemaKind): Promise<string[]> {
  const schema = bundledSchema(manifestVersion, kind);
  if (!schema) return [`${file}: no bundled ${kind} schema for manifestVersion ${manifestVersion}`];
  // The package types its validator for manifests only; the localization schema goes through the same ajv setup.
  const errors = await AppManifestUtils.validateAgainstSchema(value as AppManifest, schema as unknown as ManifestSchema);
  return errors.map((error) => `${file}: schema: ${error.trim()}`);
}

function localizationFileNames(info: unknown): string[] {
  if (!info || typeof info !== 'object') return [];
  const { defaultLanguageFile, additionalLanguages } = info as { defaultLanguageFile?: unknown; additionalLanguages?: unknown };
  const files = Array.isArray(additionalLanguages) ? additionalLanguages.map((language) => (language as { file?: unknown })?.file) : [];
  return [defaultLanguageFile, ...files].filter((file): file is string => typeof file === 'string');
}

type JsonRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function readJson(files: ReadonlyMap<string, Uint8Array>, name: string): JsonRead {
  const data = files.get(name);
  if (!data) return { ok: false, problem: `${name}: missing from the package` };
  try {
    return { ok: true, value: JSON.parse(Buffer.from(data).toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, problem: `${name}: not valid JSON (${(error as Error).message})` };
  }
}
