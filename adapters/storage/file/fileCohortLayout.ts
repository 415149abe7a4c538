import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { cohortEntrySchema } from '../../../bot/advisors/advisorRecords';
import { decodeRecord } from '../decodeRecord';
import { documentFileName } from './fileDocuments';
import { readJsonFile } from './readJsonFile';
import { syncDirectory } from './syncDirectory';

/**
 * Where the file store keeps the advisors' cohort: folder cohort/, one folder per organisation (named by the SHA-256 of
 * its id, like every document), one file per learner in it. So an organisation's dashboard reads its own learners'
 * files and nobody else's.
 */
export const COHORT_FOLDER = 'cohort';

export function organisationFolder(cohortDir: string, organisationId: string): string {
  return join(cohortDir, documentFileName(organisationId).replace(/\.json$/, ''));
}

export function cohortEntryFile(cohortDir: string, organisationId: string, learnerId: string): string {
  return join(organisationFolder(cohortDir, organisationId), documentFileName(learnerId));
}

/** The organisation folders cohort/ holds now. */
export async function organisationFolders(cohortDir: string): Promise<string[]> {
  const entries = await readdir(cohortDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => join(cohortDir, entry.name));
}

/**
 * Moves the entries an older release kept directly in cohort/ (`files`, their names) into their organisations'
 * folders: each is read for its organisation, then renamed, which is atomic, so a crash part-way leaves every entry
 * in one place or the other and the next start moves the rest.
 */
export async function moveIntoOrganisationFolders(cohortDir: string, files: readonly string[]): Promise<void> {
  const touched = new Set<string>();
  for (const file of files) {
    const path = join(cohortDir, file);
    const raw = await readJsonFile(path);
    if (raw === null) continue;
    const entry = decodeRecord(cohortEntrySchema, raw, path);
    const folder = organisationFolder(cohortDir, entry.organisationId);
    if (!touched.has(folder)) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      touched.add(folder);
    }
    await rename(path, cohortEntryFile(cohortDir, entry.organisationId, entry.learnerId));
  }
  for (const folder of touched) await syncDirectory(folder);
  if (touched.size > 0) await syncDirectory(cohortDir);
}
