import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCohort } from '../../adapters/storage/file/fileCohort';
import { documentFileName } from '../../adapters/storage/file/fileDocuments';
import { WriteAheadLog } from '../../adapters/storage/file/writeAheadLog';
import { cohortEntry } from './advisorPortsContract';

/**
 * The file store's cohort keeps in memory only what its queries filter and sort by; whole entries come from their
 * files, for the page shown, through a bounded cache. Counted through the store's read observer: a page of 10 from a
 * cohort of 3,000 (more than the cache holds) reads 10 files, and the same page again reads none.
 */
const LEARNERS = 3_000;

describe('the file cohort with many learners', () => {
  let dataDir: string;
  let log: WriteAheadLog;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'file-cohort-'));
    const folder = join(dataDir, 'cohort');
    await mkdir(folder);
    for (let n = 0; n < LEARNERS; n++) {
      const learnerId = `learner-${String(n).padStart(5, '0')}`;
      const entry = cohortEntry(learnerId, {
        sortName: `learner ${n}`,
        lessonsDone: n % 7,
        quiz: { 'challenge-to-idea/wicked-problems/check': n % 2 === 0 },
      });
      await writeFile(join(folder, documentFileName(learnerId)), JSON.stringify(entry));
    }
    log = await WriteAheadLog.open(dataDir);
  });
  afterAll(async () => {
    await log.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a page from its index and reads only the entries shown', async () => {
    const reads: string[] = [];
    const cohort = await FileCohort.open(dataDir, log, { onRead: (read) => reads.push(read.path) });
    expect(reads).toHaveLength(LEARNERS);
    reads.length = 0;

    const page = await cohort.page({ organisationId: 'coop-a', sort: 'lessonsDone', offset: 20, limit: 10 });

    expect(page.total).toBe(LEARNERS);
    expect(page.entries).toHaveLength(10);
    expect(page.entries.every((e) => e.lessonsDone === 6)).toBe(true);
    expect(page.entries[0]).toMatchObject({ displayName: 'Amina', lessons: { 'challenge-to-idea/wicked-problems': 'completed' } });
    expect(page.entries[0]!.quiz).toHaveProperty(['challenge-to-idea/wicked-problems/check']);
    expect(reads).toHaveLength(10);

    reads.length = 0;
    await cohort.page({ organisationId: 'coop-a', sort: 'lessonsDone', offset: 20, limit: 10 });
    expect(reads).toHaveLength(0);
  });

  it('reads a changed entry back whole, with its earlier active days, after the cache has moved on', async () => {
    const cohort = await FileCohort.open(dataDir, log);
    await cohort.upsert(cohortEntry('learner-00001', { activeDays: ['2026-03-04'], lessonsDone: 3 }));
    await log.checkpoint();
    await cohort.all('coop-a');

    expect(await cohort.get('coop-a', 'learner-00001')).toMatchObject({ lessonsDone: 3, activeDays: ['2026-03-01', '2026-03-04'] });
    expect(await cohort.get('another-org', 'learner-00001')).toBeNull();
  });
});
