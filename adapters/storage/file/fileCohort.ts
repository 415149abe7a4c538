import { join } from 'node:path';
import { type CohortEntry, cohortEntrySchema } from '../../../bot/advisors/advisorRecords';
import { compareCohortEntries, type CohortQueryFields, matchesCohortQuery } from '../../../bot/advisors/cohortOrder';
import { mergeActiveDays } from '../../../bot/advisors/mergeActiveDays';
import type { CohortPage, CohortQuery, CohortReadModel } from '../../../bot/ports/cohortReadModel';
import { decodeRecord } from '../decodeRecord';
import { guardStore } from '../storeGuard';
import { validateRecord } from '../validateRecord';
import { DocumentCache } from './documentCache';
import { documentFileName, prepareDocumentFolder } from './fileDocuments';
import type { FileReadObserver } from './fileReadObserver';
import { KeyedMutex } from './keyedMutex';
import { readJsonFile } from './readJsonFile';
import type { WriteAheadLog } from './writeAheadLog';

/** Whole entries kept in memory after use (the learners active now, and the dashboard's last pages). */
const ENTRY_CACHE = 2_000;
/** Files read at once when the folder is loaded or a whole organisation is read. */
const READ_BATCH = 64;

/**
 * The CohortReadModel of the embedded file store: folder cohort/, one file per learner. Queries run in memory on what
 * they filter and sort by (CohortQueryFields, a few hundred bytes a learner, loaded at start-up); the rest of an entry
 * (lessons, quiz, active days) is read from its file for the page being shown, through a bounded cache. So the memory
 * a learner costs is that index row, not a whole entry. Entries are written through the data folder's write-ahead log,
 * as the learner's progress is, since every turn updates one.
 */
export class FileCohort implements CohortReadModel {
  private readonly locks = new KeyedMutex();
  private readonly rows = new Map<string, CohortQueryFields>();
  private readonly entries = new DocumentCache<CohortEntry>(ENTRY_CACHE);
  /** One copy of each organisation and module id, however many rows name it. */
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly folder: string,
    private readonly log: WriteAheadLog,
    private readonly onRead?: FileReadObserver,
  ) {}

  /** Opens the cohort of `dataDir`, whose write-ahead log (FileStore's `log`) has been replayed. */
  static async open(dataDir: string, log: WriteAheadLog, options: { readonly onRead?: FileReadObserver } = {}): Promise<FileCohort> {
    const folder = join(dataDir, 'cohort');
    return guardStore('file store', `open the cohort in ${folder}`, async () => {
      const documents = await prepareDocumentFolder(folder);
      const cohort = new FileCohort(folder, log, options.onRead);
      await inBatches(documents, async (file) => {
        const entry = await cohort.readFile(join(folder, file));
        if (entry) cohort.rows.set(entry.learnerId, cohort.rowOf(entry));
      });
      return cohort;
    });
  }

  async upsert(entry: CohortEntry): Promise<void> {
    await guardStore('file store', `update the cohort entry of ${entry.learnerId}`, () =>
      this.locks.runExclusive(entry.learnerId, async () => {
        const previous = this.rows.has(entry.learnerId) ? await this.read(entry.learnerId) : null;
        const merged = { ...entry, activeDays: mergeActiveDays(previous?.activeDays ?? [], entry.activeDays) };
        const checked = validateRecord(cohortEntrySchema, merged, 'cohort entry');
        const path = this.fileOf(checked.learnerId);
        this.entries.invalidate(path);
        await this.log.write(path, JSON.stringify(checked));
        this.entries.set(path, checked);
        this.rows.set(checked.learnerId, this.rowOf(checked));
      }),
    );
  }

  async page(query: CohortQuery): Promise<CohortPage> {
    const matching = [...this.rows.values()].filter((row) => matchesCohortQuery(row, query)).sort(compareCohortEntries(query.sort));
    const shown = matching.slice(query.offset, query.offset + query.limit);
    return guardStore('file store', 'read a page of the cohort', async () => ({
      entries: (await Promise.all(shown.map((row) => this.read(row.learnerId)))).filter((entry) => entry !== null),
      total: matching.length,
    }));
  }

  async get(organisationId: string, learnerId: string): Promise<CohortEntry | null> {
    if (this.rows.get(learnerId)?.organisationId !== organisationId) return null;
    return guardStore('file store', `read the cohort entry of ${learnerId}`, () => this.read(learnerId));
  }

  async all(organisationId: string): Promise<CohortEntry[]> {
    const ids = [...this.rows.values()].filter((row) => row.organisationId === organisationId && row.sharesWithAdvisors).map((row) => row.learnerId);
    const entries: CohortEntry[] = [];
    await guardStore('file store', `read the cohort of ${organisationId}`, () =>
      inBatches(ids, async (learnerId) => {
        const entry = await this.read(learnerId);
        if (entry) entries.push(entry);
      }),
    );
    return entries;
  }

  async remove(learnerId: string): Promise<void> {
    await guardStore('file store', `remove the cohort entry of ${learnerId}`, () =>
      this.locks.runExclusive(learnerId, async () => {
        if (!this.rows.has(learnerId)) return;
        const path = this.fileOf(learnerId);
        this.entries.invalidate(path);
        await this.log.remove(path);
        this.rows.delete(learnerId);
      }),
    );
  }

  /** The learner's whole entry, from the cache or its file; null once removed. */
  private read(learnerId: string): Promise<CohortEntry | null> {
    const path = this.fileOf(learnerId);
    return this.entries.read(path, () => this.readFile(path));
  }

  private async readFile(path: string): Promise<CohortEntry | null> {
    const logged = this.log.read(path);
    if (logged === undefined) this.onRead?.({ kind: 'file', path });
    const raw = logged === undefined ? await readJsonFile(path) : logged === null ? null : (JSON.parse(logged) as unknown);
    return raw === null ? null : decodeRecord(cohortEntrySchema, raw, path);
  }

  private rowOf(entry: CohortEntry): CohortQueryFields {
    return {
      learnerId: entry.learnerId,
      organisationId: this.shared(entry.organisationId),
      sharesWithAdvisors: entry.sharesWithAdvisors,
      sortName: entry.sortName,
      lessonsDone: entry.lessonsDone,
      lastActiveAt: entry.lastActiveAt,
      startedModules: entry.startedModules.map((id) => this.shared(id)),
      searchTerms: entry.searchTerms,
    };
  }

  private shared(id: string): string {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    this.ids.set(id, id);
    return id;
  }

  private fileOf(learnerId: string): string {
    return join(this.folder, documentFileName(learnerId));
  }
}

async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += READ_BATCH) await Promise.all(items.slice(start, start + READ_BATCH).map(each));
}
