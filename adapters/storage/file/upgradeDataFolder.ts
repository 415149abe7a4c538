import { opendir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { identityKey, legacyIdentityKey } from '../../../bot/records';
import { atomicWriteFile, TEMP_FILE_PATTERN } from './atomicWriteFile';
import type { FileLayout } from './fileLayout';
import { JsonLinesFile } from './jsonLinesFile';
import type { OwnedEntry } from './ownedEntry';

/** The indexes a data folder has; a folder written by an older release is given them once, at start-up. */
const INDEXES_VERSION = 1;

/**
 * Gives a data folder written before the owned-records index existed that index, in one pass over the identity and
 * link-code files: every link code and every identity entry its learner file does not list is recorded under the
 * learner that owns it. Also clears the temporary files older releases left beside their targets. Runs once (the
 * version is kept in indexes.json); on a new, empty folder it only writes the version.
 */
export async function upgradeDataFolder(layout: FileLayout): Promise<void> {
  if (await currentVersion(layout)) return;
  const owned = new Map<string, OwnedEntry[]>();
  const add = (learnerId: string, entry: OwnedEntry) => owned.set(learnerId, [...(owned.get(learnerId) ?? []), entry]);
  const learnerCache = new Map<string, Set<string>>();

  for await (const path of files(layout.folder('identities'))) {
    const entry = (await readJson(path)) as { identityKey?: unknown; learnerId?: unknown } | null;
    if (typeof entry?.identityKey !== 'string' || typeof entry.learnerId !== 'string') continue;
    let listed = learnerCache.get(entry.learnerId);
    if (!listed) {
      const learner = (await readJson(layout.learnerFile(entry.learnerId))) as {
        organisationId?: string;
        identities?: Parameters<typeof legacyIdentityKey>[0][];
      } | null;
      listed = new Set(
        learner?.identities?.flatMap((identity) => [identityKey(identity, learner.organisationId ?? ''), legacyIdentityKey(identity)]),
      );
      learnerCache.set(entry.learnerId, listed);
    }
    if (!listed.has(entry.identityKey)) add(entry.learnerId, { identityKey: entry.identityKey });
  }
  for await (const path of files(layout.folder('links'))) {
    const code = (await readJson(path)) as { codeHash?: unknown; learnerId?: unknown } | null;
    if (typeof code?.codeHash === 'string' && typeof code.learnerId === 'string') add(code.learnerId, { linkCode: code.codeHash });
  }
  for (const [learnerId, entries] of owned) {
    const file = new JsonLinesFile(layout.ownedFile(learnerId));
    for (const entry of entries) await file.append(entry, await file.read());
  }
  for (const folder of ['learners', 'identities', 'progress', 'links', 'organisations'] as const) {
    for await (const leftover of files(layout.folder(folder), TEMP_FILE_PATTERN)) await rm(leftover, { force: true });
  }
  await atomicWriteFile(layout.indexesFile, `${JSON.stringify({ version: INDEXES_VERSION })}\n`, layout.temporaryDir);
}

async function currentVersion(layout: FileLayout): Promise<number | null> {
  const marker = (await readJson(layout.indexesFile)) as { version?: unknown } | null;
  if (marker === null) return null;
  if (typeof marker.version !== 'number' || marker.version > INDEXES_VERSION) {
    throw new Error(`${layout.indexesFile} names indexes this release does not know (${JSON.stringify(marker)}); it was written by a newer release`);
  }
  return marker.version;
}

/** The files of a folder whose names match, streamed (memory stays flat however many there are). */
async function* files(folder: string, pattern = /^[^.].*\.json$/): AsyncGenerator<string> {
  for await (const entry of await opendir(folder)) {
    if (entry.isFile() && pattern.test(entry.name)) yield join(folder, entry.name);
  }
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}
