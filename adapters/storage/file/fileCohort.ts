import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type CohortEntry, cohortEntrySchema } from '../../../bot/advisors/advisorRecords';
import { compareCohortEntries, type CohortQueryFields, matchesCohortQuery } from '../../../bot/advisors/cohortOrder';
import { mergeActiveDays } from '../../../bot/advisors/mergeActiveDays';
import type { CohortPage, CohortQuery, CohortReadModel } from '../../../bot/ports/cohortReadModel';
import { decodeRecord } from '../decodeRecord';
import { guardStore } from '../storeGuard';
import { validateRecord } from '../validateRecord';
import { DocumentCache } from './documentCache';
import { TEMP_FILE_PATTERN } from './atomicWriteFile';
import { COHORT_FOLDER, cohortEntryFile, moveIntoOrganisationFolders, organisationFolder, organisationFolders } from './fileCohortLayout';
import { documentFileName, prepareDocumentFolder } from './fileDocuments';
import type { FileReadObserver } from './fileReadObserver';
import { KeyedMutex } from './keyedMutex';
import { readJsonFile } from './readJsonFile';
import { syncDirectory } from './syncDirectory';
import type { WriteAheadLog } from './writeAheadLog';

/** Whole entries kept in memory after use (the learners active now, and the dashboard's last pages). */
const ENTRY_CACHE = 2_000;
/**
 * Files read at once when an organisation is loaded or read whole: few, so that a dashboard reading thousands of files
 * does not crowd out the turns' own file calls (as a checkpoint writing many at once did: see the write-ahead log).
 */
const READ_BATCH = 4;
/**
 * Query rows held in memory, over all organisations (a few hundred bytes each): those of the organisations whose
 * cohort was read lately, each whole. An organisation larger than this is read from its folder for every page.
 */
const HELD_ROWS = 20_000;

type Rows = Map<string, CohortQueryFields>;

/** An organisation being read from its folder, and the changes made to its rows meanwhile (null: removed). */
interface Loading {
  readonly rows: Promise<Rows>;
  readonly changes: Map<string, CohortQueryFields | null>;
}

/**
 * The CohortReadModel of the embedded file store: folder cohort/, a folder per organisation, one file per learner
 * (fileCohortLayout). Queries run in memory on what they filter and sort by (CohortQueryFields), read from the
 * organisation's folder when its cohort is first asked for and held, for the organisations asked for lately, up to
 * HELD_ROWS in all; the rest of an entry (lessons, quiz, active days) is read from its file for the page being shown,
 * through a bounded cache. So start-up reads no cohort file, and the memory the cohort takes does not grow with the
 * number of learners stored. Entries are written through the data folder's write-ahead log, as the learner's
 * progress is, since every turn updates one.
 */
export class FileCohort implements CohortReadModel {
  private readonly locks = new KeyedMutex();
  private readonly entries = new DocumentCache<CohortEntry>(ENTRY_CACHE);
  /** Query rows by organisation, the least recently read first. */
  private readonly held = new Map<string, Rows>();
  private readonly loading = new Map<string, Loading>();
  /** Organisation folders known to exist (made, and their creation synced, before an entry is logged into one). */
  private readonly folders = new Set<string>();
  /** One copy of each organisation and module id, however many rows name it. */
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly folder: string,
    private readonly log: WriteAheadLog,
    private readonly onRead?: FileReadObserver,
    private readonly heldRows = HELD_ROWS,
  ) {}

  /** Opens the cohort of `dataDir`, whose write-ahead log (FileStore's `log`) has been replayed. */
  static async open(
    dataDir: string,
    log: WriteAheadLog,
    options: { readonly onRead?: FileReadObserver; readonly heldRows?: number } = {},
  ): Promise<FileCohort> {
    const folder = join(dataDir, COHORT_FOLDER);
    return guardStore('file store', `open the cohort in ${folder}`, async () => {
      const olderLayout = await prepareDocumentFolder(folder);
      await moveIntoOrganisationFolders(folder, olderLayout);
      return new FileCohort(folder, log, options.onRead, options.heldRows);
    });
  }

  async upsert(entry: CohortEntry): Promise<void> {
    await guardStore('file store', `update the cohort entry of ${entry.learnerId}`, () =>
      this.locks.runExclusive(entry.learnerId, async () => {
        const path = cohortEntryFile(this.folder, entry.organisationId, entry.learnerId);
        const previous = await this.entries.read(path, () => this.readFile(path));
        const merged = { ...entry, activeDays: mergeActiveDays(previous?.activeDays ?? [], entry.activeDays) };
        const checked = validateRecord(cohortEntrySchema, merged, 'cohort entry');
        await this.ensureFolder(checked.organisationId);
        this.entries.invalidate(path);
        await this.log.write(path, JSON.stringify(checked));
        this.entries.set(path, checked);
        this.changed(checked.organisationId, checked.learnerId, this.rowOf(checked));
      }),
    );
  }

  async page(query: CohortQuery): Promise<CohortPage> {
    return guardStore('file store', 'read a page of the cohort', async () => {
      const rows = await this.rowsOf(query.organisationId);
      const matching = [...rows.values()].filter((row) => matchesCohortQuery(row, query)).sort(compareCohortEntries(query.sort));
      const shown = matching.slice(query.offset, query.offset + query.limit);
      return {
        entries: (await Promise.all(shown.map((row) => this.read(query.organisationId, row.learnerId)))).filter((entry) => entry !== null),
        total: matching.length,
      };
    });
  }

  async get(organisationId: string, learnerId: string): Promise<CohortEntry | null> {
    return guardStore('file store', `read the cohort entry of ${learnerId}`, () => this.read(organisationId, learnerId));
  }

  async all(organisationId: string): Promise<CohortEntry[]> {
    return guardStore('file store', `read the cohort of ${organisationId}`, async () => {
      const rows = await this.rowsOf(organisationId);
      const ids = [...rows.values()].filter((row) => row.sharesWithAdvisors).map((row) => row.learnerId);
      const entries: CohortEntry[] = [];
      await inBatches(ids, async (learnerId) => {
        const entry = await this.read(organisationId, learnerId);
        if (entry) entries.push(entry);
      });
      return entries;
    });
  }

  /** Removes the learner's entry from whichever organisation folder holds it (there are few organisations). */
  async remove(learnerId: string): Promise<void> {
    await guardStore('file store', `remove the cohort entry of ${learnerId}`, () =>
      this.locks.runExclusive(learnerId, async () => {
        for (const folder of await organisationFolders(this.folder)) {
          const path = join(folder, documentFileName(learnerId));
          if ((await this.readFile(path)) === null) continue;
          this.entries.invalidate(path);
          await this.log.remove(path);
          // A read between the first invalidate and the removal's entry in the log saw the file.
          this.entries.invalidate(path);
        }
        for (const rows of this.held.values()) rows.delete(learnerId);
        for (const { changes } of this.loading.values()) changes.set(learnerId, null);
      }),
    );
  }

  /** The organisation's query rows: held, being read, or read now from its folder. */
  private async rowsOf(organisationId: string): Promise<Rows> {
    const held = this.held.get(organisationId);
    if (held) {
      this.held.delete(organisationId);
      this.held.set(organisationId, held);
      return held;
    }
    const loading = this.loading.get(organisationId) ?? this.load(organisationId);
    return loading.rows;
  }

  private load(organisationId: string): Loading {
    const changes = new Map<string, CohortQueryFields | null>();
    const rows = (async () => {
      try {
        const read: Rows = new Map();
        await this.eachEntry(organisationId, (entry) => read.set(entry.learnerId, this.rowOf(entry)));
        for (const [learnerId, row] of changes) {
          if (row) read.set(learnerId, row);
          else read.delete(learnerId);
        }
        this.hold(organisationId, read);
        return read;
      } finally {
        this.loading.delete(organisationId);
      }
    })();
    const loading = { rows, changes };
    this.loading.set(organisationId, loading);
    return loading;
  }

  private hold(organisationId: string, rows: Rows): void {
    // One larger than the bound is not held, and does not push the others out.
    if (rows.size > this.heldRows) return;
    this.held.set(organisationId, rows);
    this.dropBeyondBound();
  }

  /** Drops the organisations read least lately (the one just read too, if it alone is larger) while more rows than the bound are held. */
  private dropBeyondBound(): void {
    let total = [...this.held.values()].reduce((sum, held) => sum + held.size, 0);
    for (const [oldest, held] of this.held) {
      if (total <= this.heldRows) break;
      this.held.delete(oldest);
      total -= held.size;
    }
  }

  private changed(organisationId: string, learnerId: string, row: CohortQueryFields): void {
    const held = this.held.get(organisationId);
    if (held) {
      const added = !held.has(learnerId);
      held.set(learnerId, row);
      if (added) this.dropBeyondBound();
    }
    this.loading.get(organisationId)?.changes.set(learnerId, row);
  }

  /** Every entry of the organisation, from its folder and from changes logged and not yet applied. */
  private async eachEntry(organisationId: string, each: (entry: CohortEntry) => void): Promise<void> {
    const folder = organisationFolder(this.folder, organisationId);
    // Before the listing: a change applied to its file meanwhile leaves the log's memory, and the listing may miss it.
    const logged = [...this.log.pendingIn(folder).keys()];
    const files = await readdir(folder).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    this.onRead?.({ kind: 'folder', path: folder, entries: files.length });
    const paths = new Set(files.filter((file) => file.endsWith('.json') && !TEMP_FILE_PATTERN.test(file)).map((file) => join(folder, file)));
    for (const path of logged) paths.add(path);
    await inBatches([...paths], async (path) => {
      const entry = await this.readFile(path);
      if (entry) each(entry);
    });
  }

  private async ensureFolder(organisationId: string): Promise<void> {
    const folder = organisationFolder(this.folder, organisationId);
    if (this.folders.has(folder)) return;
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await syncDirectory(this.folder);
    this.folders.add(folder);
  }

  /** The learner's whole entry in the organisation, from the cache or its file; null if there is none. */
  private read(organisationId: string, learnerId: string): Promise<CohortEntry | null> {
    const path = cohortEntryFile(this.folder, organisationId, learnerId);
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
}

async function inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += READ_BATCH) await Promise.all(items.slice(start, start + READ_BATCH).map(each));
}
