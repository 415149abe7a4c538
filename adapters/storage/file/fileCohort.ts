import { join } from 'node:path';
import { type CohortEntry, cohortEntrySchema } from '../../../bot/advisors/advisorRecords';
import { compareCohortEntries, matchesCohortQuery } from '../../../bot/advisors/cohortOrder';
import type { CohortPage, CohortQuery, CohortReadModel } from '../../../bot/ports/cohortReadModel';
import { guardStore } from '../storeGuard';
import { FileDocuments } from './fileDocuments';
import { KeyedMutex } from './keyedMutex';
import { mergeActiveDays } from '../../../bot/advisors/mergeActiveDays';

/**
 * The CohortReadModel of the embedded file store: folder cohort/, one file per learner, queried in memory (the file
 * store serves one process, and holds every entry in memory from start-up).
 */
export class FileCohort implements CohortReadModel {
  private readonly locks = new KeyedMutex();

  private constructor(private readonly entries: FileDocuments<typeof cohortEntrySchema>) {}

  static async open(dataDir: string): Promise<FileCohort> {
    return guardStore(
      'file store',
      `open the cohort in ${dataDir}`,
      async () => new FileCohort(await FileDocuments.open(join(dataDir, 'cohort'), cohortEntrySchema, (e) => e.learnerId, 'cohort entry')),
    );
  }

  async upsert(entry: CohortEntry): Promise<void> {
    await guardStore('file store', `update the cohort entry of ${entry.learnerId}`, () =>
      this.locks.runExclusive(entry.learnerId, async () => {
        const previous = this.entries.get(entry.learnerId);
        await this.entries.put({ ...entry, activeDays: mergeActiveDays(previous?.activeDays ?? [], entry.activeDays) });
      }),
    );
  }

  async page(query: CohortQuery): Promise<CohortPage> {
    const matching = [...this.entries.values()].filter((e) => matchesCohortQuery(e, query)).sort(compareCohortEntries(query.sort));
    return { entries: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
  }

  async get(organisationId: string, learnerId: string): Promise<CohortEntry | null> {
    const entry = this.entries.get(learnerId);
    return entry?.organisationId === organisationId ? entry : null;
  }

  async all(organisationId: string): Promise<CohortEntry[]> {
    return [...this.entries.values()].filter((e) => e.organisationId === organisationId && e.sharesWithAdvisors);
  }

  async remove(learnerId: string): Promise<void> {
    await guardStore('file store', `remove the cohort entry of ${learnerId}`, () =>
      this.locks.runExclusive(learnerId, () => this.entries.remove(learnerId)),
    );
  }
}
