import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileCohort } from '../../adapters/storage/file/fileCohort';
import { COHORT_FOLDER, cohortEntryFile, organisationFolder } from '../../adapters/storage/file/fileCohortLayout';
import { documentFileName } from '../../adapters/storage/file/fileDocuments';
import { WriteAheadLog } from '../../adapters/storage/file/writeAheadLog';
import { cohortEntry } from './advisorPortsContract';

/**
 * The file store's cohort reads nothing at start-up and keeps in memory only what its queries filter and sort by, for
 * the organisations asked for; whole entries come from their files, for the page shown, through a bounded cache.
 * Counted through the store's read observer, with 3,000 learners in one organisation and 500 in another.
 */
const LEARNERS = 3_000;
const OTHERS = 500;

describe('the file cohort with many learners', () => {
  let dataDir: string;
  let log: WriteAheadLog;
  const cohortDir = () => join(dataDir, COHORT_FOLDER);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'file-cohort-'));
    const write = async (organisationId: string, learnerId: string, overrides: Parameters<typeof cohortEntry>[1]) => {
      const path = cohortEntryFile(cohortDir(), organisationId, learnerId);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, JSON.stringify(cohortEntry(learnerId, { organisationId, ...overrides })));
    };
    for (let n = 0; n < LEARNERS; n++) {
      await write('coop-a', `learner-${String(n).padStart(5, '0')}`, {
        sortName: `learner ${n}`,
        lessonsDone: n % 7,
        quiz: { 'challenge-to-idea/wicked-problems/check': n % 2 === 0 },
      });
    }
    for (let n = 0; n < OTHERS; n++) await write('coop-b', `other-${n}`, { lessonsDone: 6 });
    log = await WriteAheadLog.open(dataDir);
  });
  afterAll(async () => {
    await log.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads nothing when opened, then only the organisation asked for, and a page again from memory', async () => {
    const reads: string[] = [];
    const cohort = await FileCohort.open(dataDir, log, { onRead: (read) => read.kind === 'file' && reads.push(read.path) });
    expect(reads).toHaveLength(0);

    const page = await cohort.page({ organisationId: 'coop-a', sort: 'lessonsDone', offset: 20, limit: 10 });

    expect(page.total).toBe(LEARNERS);
    expect(page.entries).toHaveLength(10);
    expect(page.entries.every((e) => e.lessonsDone === 6 && e.organisationId === 'coop-a')).toBe(true);
    expect(page.entries[0]).toMatchObject({ displayName: 'Amina', lessons: { 'challenge-to-idea/wicked-problems': 'completed' } });
    expect(page.entries[0]!.quiz).toHaveProperty(['challenge-to-idea/wicked-problems/check']);
    expect(reads).toHaveLength(LEARNERS + 10);
    expect(reads.every((path) => path.startsWith(organisationFolder(cohortDir(), 'coop-a')))).toBe(true);

    reads.length = 0;
    await cohort.page({ organisationId: 'coop-a', sort: 'lessonsDone', offset: 20, limit: 10 });
    expect(reads).toHaveLength(0);
  });

  it('keeps a change made while the organisation is being read', async () => {
    const cohort = await FileCohort.open(dataDir, log);
    const reading = cohort.page({ organisationId: 'coop-a', sort: 'name', offset: 0, limit: 1 });
    await cohort.upsert(cohortEntry('learner-new', { organisationId: 'coop-a', sortName: 'aaa first' }));
    await cohort.remove('learner-00002');
    await reading;

    const page = await cohort.page({ organisationId: 'coop-a', sort: 'name', offset: 0, limit: 1 });
    expect(page.entries[0]).toMatchObject({ learnerId: 'learner-new' });
    expect(page.total).toBe(LEARNERS);
    expect(await cohort.get('coop-a', 'learner-00002')).toBeNull();
    await cohort.upsert(cohortEntry('learner-00002', { organisationId: 'coop-a', sortName: 'learner 2', lessonsDone: 2 }));
    await cohort.remove('learner-new');
  });

  it('reads a changed entry back whole, with its earlier active days, after the cache has moved on', async () => {
    const cohort = await FileCohort.open(dataDir, log);
    await cohort.upsert(cohortEntry('learner-00001', { organisationId: 'coop-a', activeDays: ['2026-03-04'], lessonsDone: 3 }));
    await log.checkpoint();
    await cohort.all('coop-a');

    expect(await cohort.get('coop-a', 'learner-00001')).toMatchObject({ lessonsDone: 3, activeDays: ['2026-03-01', '2026-03-04'] });
    expect(await cohort.get('coop-b', 'learner-00001')).toBeNull();
  });

  it('holds the rows of the organisations read lately up to its bound, and reads a larger one again for every page', async () => {
    const reads: string[] = [];
    const cohort = await FileCohort.open(dataDir, log, { onRead: (read) => read.kind === 'file' && reads.push(read.path), heldRows: 600 });
    const page = (organisationId: string) => cohort.page({ organisationId, sort: 'name', offset: 0, limit: 5 });
    const readsOf = async (read: () => Promise<unknown>) => {
      reads.length = 0;
      await read();
      return reads.length;
    };

    expect(await readsOf(() => page('coop-b'))).toBe(OTHERS + 5);
    expect(await readsOf(() => page('coop-b'))).toBe(0);
    expect(await readsOf(() => page('coop-a'))).toBeGreaterThanOrEqual(LEARNERS);
    expect(await readsOf(() => page('coop-a'))).toBeGreaterThanOrEqual(LEARNERS);
    expect(await readsOf(() => page('coop-b'))).toBe(0);

    for (let n = 0; n < 101; n++) await cohort.upsert(cohortEntry(`joined-${n}`, { organisationId: 'coop-b' }));
    // Now larger than the bound, it is read again (the new entries from the log's memory, until its checkpoint).
    expect(await readsOf(() => page('coop-b'))).toBeGreaterThanOrEqual(OTHERS);
    expect((await page('coop-b')).total).toBe(OTHERS + 101);
    for (let n = 0; n < 101; n++) await cohort.remove(`joined-${n}`);
  });

  it("moves an older release's entries, kept directly in cohort/, into their organisations' folders", async () => {
    const older = await mkdtemp(join(tmpdir(), 'file-cohort-older-'));
    try {
      await mkdir(join(older, COHORT_FOLDER));
      for (const [organisationId, learnerId] of [
        ['coop-a', 'one'],
        ['coop-b', 'two'],
      ] as const) {
        await writeFile(join(older, COHORT_FOLDER, documentFileName(learnerId)), JSON.stringify(cohortEntry(learnerId, { organisationId })));
      }
      const olderLog = await WriteAheadLog.open(older);
      const cohort = await FileCohort.open(older, olderLog);

      expect((await readdir(join(older, COHORT_FOLDER))).filter((name) => name.endsWith('.json'))).toEqual([]);
      expect((await cohort.page({ organisationId: 'coop-a', sort: 'name', offset: 0, limit: 10 })).entries.map((e) => e.learnerId)).toEqual(['one']);
      expect(await cohort.get('coop-b', 'two')).toMatchObject({ organisationId: 'coop-b' });
      await olderLog.close();
    } finally {
      await rm(older, { recursive: true, force: true });
    }
  });
});
