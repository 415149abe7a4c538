import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath, formatContentError, parseYamlFile, type ContentError } from '../../curriculum/yamlFile';
import { organisationSchema, type Organisation } from './organisation';

export type OrganisationsResult = { ok: true; organisations: Organisation[] } | { ok: false; errors: ContentError[] };

/** Thrown at start-up when an organisation file does not validate; the message lists every error. */
export class OrganisationsError extends Error {
  constructor(readonly errors: readonly ContentError[]) {
    super(`The organisations have ${errors.length} error(s):\n${errors.map(formatContentError).join('\n')}`);
    this.name = 'OrganisationsError';
  }
}

/** The organisations that ship with the bot (the demo page's), beside the built code as in the sources. */
export function builtInOrganisationsDir(): string {
  return join(__dirname, '..', '..', 'organisations');
}

export interface LoadOrganisationsOptions {
  /** Module ids of the curriculum: an organisation may offer only these. */
  readonly moduleIds?: readonly string[];
}

/**
 * Loads every `*.yaml` in a folder, one organisation a file, named after its id. Checks each file against the
 * schema and the set against itself: unique ids, no Entra tenant claimed by two organisations, offered modules that
 * exist. Every problem is reported with its file and the path inside it.
 */
export function loadOrganisations(directory: string, options: LoadOrganisationsOptions = {}): OrganisationsResult {
  if (!existsSync(directory)) return { ok: false, errors: [{ file: directory, path: '', message: 'organisations folder does not exist' }] };
  const errors: ContentError[] = [];
  const organisations: { organisation: Organisation; file: string }[] = [];
  for (const name of readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = join(directory, name);
    const organisation = parseYamlFile(file, organisationSchema, errors);
    if (!organisation) continue;
    const expected = name.replace(/\.ya?ml$/, '');
    if (organisation.id !== expected) errors.push({ file: displayPath(file), path: 'id', message: `must be "${expected}", the file's name` });
    organisations.push({ organisation, file: displayPath(file) });
  }
  if (organisations.length === 0 && errors.length === 0)
    errors.push({ file: displayPath(directory), path: '', message: 'no organisation files (*.yaml) found' });
  errors.push(...crossChecks(organisations, options));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, organisations: organisations.map((o) => o.organisation) };
}

/** Like loadOrganisations, but throws an OrganisationsError listing every problem. */
export function loadOrganisationsOrThrow(directory: string, options?: LoadOrganisationsOptions): Organisation[] {
  const result = loadOrganisations(directory, options);
  if (!result.ok) throw new OrganisationsError(result.errors);
  return result.organisations;
}

function crossChecks(organisations: readonly { organisation: Organisation; file: string }[], options: LoadOrganisationsOptions): ContentError[] {
  const errors: ContentError[] = [];
  const tenants = new Map<string, string>();
  const ids = new Set<string>();
  for (const { organisation, file } of organisations) {
    if (ids.has(organisation.id)) errors.push({ file, path: 'id', message: `organisation "${organisation.id}" is defined twice` });
    ids.add(organisation.id);
    organisation.teamsTenantIds.forEach((tenant, i) => {
      const owner = tenants.get(tenant.toLowerCase());
      if (owner) errors.push({ file, path: `teamsTenantIds[${i}]`, message: `tenant ${tenant} already belongs to organisation "${owner}"` });
      else tenants.set(tenant.toLowerCase(), organisation.id);
    });
    if (options.moduleIds && organisation.modules !== 'all') {
      organisation.modules.forEach((moduleId, i) => {
        if (!options.moduleIds!.includes(moduleId))
          errors.push({ file, path: `modules[${i}]`, message: `no module "${moduleId}" in the curriculum` });
      });
    }
  }
  return errors;
}
