import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Organisation } from '../../bot/organisations/organisation';
import { shippedOrganisations } from './testOrganisations';

/** A temporary ORGANISATIONS_DIR: one YAML file per organisation, as an operator writes them. */
export interface OrganisationFolder {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Writes the organisations (and the shipped demo organisation, the default one) into a new temporary folder. */
export async function writeOrganisationFolder(organisations: readonly Organisation[]): Promise<OrganisationFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'svc-organisations-'));
  for (const organisation of [...shippedOrganisations, ...organisations]) {
    await writeFile(join(dir, `${organisation.id}.yaml`), stringify(organisation), 'utf8');
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
