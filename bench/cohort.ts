import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../adapters/storage/file/fileStore';
import { ADVISOR_COLLECTIONS } from '../adapters/storage/mongo/advisorCollections';
import { MongoStore } from '../adapters/storage/mongo/mongoStore';
import { AdvisorDashboard, type CohortRequest } from '../bot/advisors/advisorDashboard';
import type { AdvisorRecord, CohortEntry } from '../bot/advisors/advisorRecords';
import { searchTerms } from '../bot/advisors/searchTerms';
import { openAdvisorStores } from '../bot/openStore';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from '../bot/organisations/loadOrganisations';
import { organisationSetup } from '../bot/organisations/programmeSetup';
import type { Store } from '../bot/ports/store';
import { RECORD_SCHEMA_VERSION } from '../bot/records';
import { loadCurriculumOrThrow } from '../curriculum/loadCurriculum';
import { jongodbUnavailable, startJongodb } from '../scripts/mongoTestServer';

/** The cohort page's query time with COHORT_LEARNERS (default 10,000) learners in one organisation, on both stores. */
const LEARNERS = Number(process.env.COHORT_LEARNERS ?? 10_000);
const RUNS = 15;
const NAMES = ['Amina', 'Åsa', 'Björn', 'Leila', 'Oskar', 'Sara', 'Yusuf', 'Märta', 'Nils', 'Fatima'];
const VENTURES = ['Vätterhjul', 'Cykelköket', 'Gröna gården', 'Språkcaféet', 'Återbruket', 'Matlaget'];

const curriculum = loadCurriculumOrThrow();
const { programmes } = organisationSetup(curriculum, loadOrganisationsOrThrow(builtInOrganisationsDir()), 'demo');
const modules = curriculum.modules;

function entry(i: number, now: number): CohortEntry {
  const name = `${NAMES[i % NAMES.length]} ${i}`;
  const venture = VENTURES[i % VENTURES.length]!;
  const lastActive = new Date(now - (i % 60) * 86_400_000).toISOString();
  const started = modules.slice(0, 1 + (i % modules.length));
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    learnerId: `bench-${String(i).padStart(6, '0')}-${randomUUID().slice(0, 8)}`,
    organisationId: 'demo',
    sharesWithAdvisors: i % 10 !== 0,
    displayName: name,
    ventureName: venture,
    sortName: name.toLocaleLowerCase('sv'),
    searchTerms: searchTerms(name, venture),
    locale: i % 3 === 0 ? 'en' : 'sv',
    channels: i % 2 === 0 ? ['webchat'] : ['msteams'],
    lastActiveAt: lastActive,
    activeDays: [lastActive.slice(0, 10)],
    lessonsDone: i % 20,
    quizCorrect: i % 7,
    quizTotal: 8,
    startedModules: started.map((m) => m.id),
    modules: Object.fromEntries(started.map((m) => [m.id, { done: i % (m.lessons.length + 1), count: m.lessons.length }])),
    lessons: {},
    quiz: {},
    updatedAt: lastActive,
  };
}

/** Writes the entries: through the port on the file store, with bulk inserts on MongoDB (the test server's upserts are slow to seed with). */
type Seed = (entries: readonly CohortEntry[]) => Promise<void>;

async function measure(name: string, store: Store, seed?: Seed): Promise<void> {
  const stores = await openAdvisorStores(store);
  const now = Date.now();
  const seedStarted = performance.now();
  const entries = Array.from({ length: LEARNERS }, (_, i) => entry(i, now));
  if (seed) await seed(entries);
  else for (let i = 0; i < entries.length; i += 50) await Promise.all(entries.slice(i, i + 50).map((e) => stores.cohort.upsert(e)));
  // One query first, so that the MongoDB store has created its indexes before anything is timed.
  await stores.cohort.page({ organisationId: 'demo', sort: 'lastActive', offset: 0, limit: 1 });
  const seeded = (performance.now() - seedStarted) / 1000;
  const dashboard = new AdvisorDashboard({ store, stores, programmes, stalledAfterDays: 14, kickDispatcher: () => undefined });
  const advisor = { organisationId: 'demo' } as AdvisorRecord;
  const base: CohortRequest = { sort: 'lastActive', stalledOnly: false, withRequestOnly: false, search: '', page: 1 };
  const cases: [string, CohortRequest][] = [
    ['last active, page 1', base],
    ['name, page 90', { ...base, sort: 'name', page: 90 }],
    [`module ${modules[3]!.id}`, { ...base, moduleId: modules[3]!.id }],
    ['stalled', { ...base, stalledOnly: true }],
    ['search "vatter"', { ...base, search: 'vatter' }],
  ];
  const lines: string[] = [];
  for (const [label, request] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      total = (await dashboard.cohort(advisor, request)).total;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    lines.push(`${label} ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms (of ${total})`);
  }
  process.stdout.write(
    `${name.padEnd(14)} ${LEARNERS} learners seeded in ${seeded.toFixed(1)} s; cohort page (50 rows, median of ${RUNS}): ${lines.join('; ')}\n`,
  );
}

/** `npm run bench`: the cohort query on the file store and, where the test server is installed, on MongoDB. */
export async function benchCohort(): Promise<void> {
  process.stdout.write(`advisor cohort: ${LEARNERS} learners in one organisation (90 % sharing)\n`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-cohort-'));
  const fileStore = await FileStore.open(dir);
  await measure('file store', fileStore);
  await fileStore.close();
  await rm(dir, { recursive: true, force: true });
  if (jongodbUnavailable) {
    process.stdout.write(`MongoDB (test)  not measured: ${jongodbUnavailable}\n`);
    return;
  }
  const mongo = await startJongodb();
  const mongoStore = await MongoStore.open({ uri: mongo.uriFor('bench_cohort') });
  const cohort = mongoStore.db.collection<CohortEntry & { _id: string }>(ADVISOR_COLLECTIONS.cohort);
  await measure('MongoDB (test)', mongoStore, async (entries) => {
    for (let i = 0; i < entries.length; i += 1000) await cohort.insertMany(entries.slice(i, i + 1000).map((e) => ({ _id: e.learnerId, ...e })));
  });
  await mongoStore.close();
  await mongo.stop();
}
