import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COHORT_FOLDER, cohortEntryFile, organisationFolder } from '../adapters/storage/file/fileCohortLayout';
import { FILE_STORE_FOLDERS, FileLayout } from '../adapters/storage/file/fileLayout';
import { cohortEntryOf } from '../bot/advisors/cohortProjection';
import { packageDir } from '../bot/packageDir';
import { identityKey, type LearnerRecord, type ProgressRecord, RECORD_SCHEMA_VERSION } from '../bot/records';
import { startChildServer } from './childServer';
import { httpClient, runLearners } from './httpLoad';
import { messagesTurns, programmeScript } from './learnerScripts';

/**
 * The bot's resident memory with many learners stored: a data folder holding N learners (each with the progress
 * document of a learner who finished the first lesson, and their row in the advisors' cohort), the bot started on it,
 * new learners walking onboarding and the first lesson and stored learners coming back, then its RSS and the heap it
 * still uses after a full garbage collection. Measured with 1,000 and with 100,000 learners stored: the two should be
 * the same (no per-learner state in memory) and within 150 MB. RSS also counts what V8 keeps in reserve, which Node
 * sizes from the machine's memory (or a container's limit): on a large machine it grows well past the live heap, so each size
 * is measured with Node's default heap and with each choice of heap options docs/DEPLOY.md gives for a VM.
 */
const STORED = (process.env.BENCH_STORED ?? '1000,100000').split(',').map(Number);
const NEW_LEARNERS = Number(process.env.BENCH_MEMORY_LEARNERS ?? 1000);
const RETURNING = 500;
const CONNECTIONS = 20;
/** Node's own heap sizing (from the machine's memory), and the heap options docs/DEPLOY.md gives for a VM (either). */
const HEAPS = [
  { name: 'default', label: "Node's default heap", nodeOptions: [] },
  { name: 'old', label: '--max-old-space-size=256 alone', nodeOptions: ['--max-old-space-size=256'] },
  { name: 'sized', label: 'NODE_OPTIONS of docs/DEPLOY.md', nodeOptions: ['--max-old-space-size=256', '--max-semi-space-size=8'] },
] as const;

export async function benchMemory(): Promise<void> {
  const root = packageDir(__dirname);
  const main = join(root, 'dist', 'bot', 'main.js');
  const env = { NODE_ENV: 'test', UNAUTHENTICATED_MESSAGES_PER_MINUTE: '1000000' };
  const template = await progressTemplate(main, env);
  process.stdout.write(
    `\nmemory: RSS of the bot after ${NEW_LEARNERS} new learners walk onboarding and a lesson and ${RETURNING} stored ones return\n`,
  );
  for (const stored of STORED) {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-memory-'));
    try {
      const seededAt = performance.now();
      await seed(dataDir, stored, template);
      const seconds = (performance.now() - seededAt) / 1000;
      process.stdout.write(`  ${stored.toLocaleString('en')} learners stored (seeded in ${seconds.toFixed(0)} s)\n`);
      for (const heap of HEAPS) {
        const startedAt = performance.now();
        const bot = await startChildServer(main, { ...env, DATA_DIR: dataDir }, { heapProbe: true, nodeOptions: heap.nodeOptions });
        const startSeconds = (performance.now() - startedAt) / 1000;
        const afterStart = await bot.rss();
        const client = httpClient(bot.url, CONNECTIONS);
        const script = programmeScript();
        await runLearners({
          learners: NEW_LEARNERS,
          connections: CONNECTIONS,
          prepare: async (n) => `memory-${heap.name}-${n}`,
          turns: (id) => messagesTurns(client.send, id, script),
        });
        await runLearners({
          learners: Math.min(RETURNING, stored),
          connections: CONNECTIONS,
          prepare: async (n) => `seed-${Math.floor((n * stored) / RETURNING)}`,
          turns: (id) => messagesTurns(client.send, id, [{ text: 'continue' }]),
        });
        const rss = await bot.rss();
        const liveHeap = await bot.liveHeap();
        client.close();
        await bot.stop();
        process.stdout.write(
          `    ${heap.label}: listening in ${startSeconds.toFixed(1)} s, RSS ${(afterStart / 1e6).toFixed(0)} MB after start-up, ` +
            `${(rss / 1e6).toFixed(0)} MB after the turns (goal ≤ 150 MB); heap in use after a full GC ${(liveHeap / 1e6).toFixed(0)} MB\n`,
        );
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

/** The progress document of a learner who walked onboarding and the first lesson, from a real bot. */
async function progressTemplate(main: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-template-'));
  try {
    const bot = await startChildServer(main, { ...env, DATA_DIR: dataDir });
    const client = httpClient(bot.url, 1);
    for (const turn of messagesTurns(client.send, 'template', programmeScript())) await turn();
    client.close();
    await bot.stop();
    const [file] = (await readdir(join(dataDir, 'progress'))).filter((name) => name.endsWith('.json'));
    return JSON.parse(await readFile(join(dataDir, 'progress', file!), 'utf8')) as Record<string, unknown>;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Writes `count` learners (learner, identity entry, progress, cohort entry) straight into a data folder, many at a time. */
async function seed(dataDir: string, count: number, template: Record<string, unknown>): Promise<void> {
  const layout = new FileLayout(dataDir);
  const cohortDir = join(dataDir, COHORT_FOLDER);
  for (const folder of FILE_STORE_FOLDERS) await mkdir(layout.folder(folder), { recursive: true });
  await mkdir(organisationFolder(cohortDir, 'demo'), { recursive: true });
  await writeFile(layout.indexesFile, `${JSON.stringify({ version: 1 })}\n`);
  const at = new Date().toISOString();
  const write = async (n: number) => {
    const id = randomUUID();
    const identity = { channel: 'test' as const, userId: `seed-${n}` };
    const key = identityKey(identity, 'demo');
    const learner: LearnerRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id,
      organisationId: 'demo',
      identities: [identity],
      displayName: `Learner ${n}`,
      ventureName: `Venture ${n}`,
      sharesWithAdvisors: true,
      createdAt: at,
      updatedAt: at,
    };
    await writeFile(layout.learnerFile(id), JSON.stringify(learner));
    await writeFile(layout.identityFile(key), JSON.stringify({ schemaVersion: RECORD_SCHEMA_VERSION, identityKey: key, learnerId: id }));
    const { pendingAnswers: _pending, ...rest } = template;
    const progress = { ...rest, learnerId: id } as unknown as ProgressRecord;
    await writeFile(layout.progressFile(id), JSON.stringify(progress));
    await writeFile(cohortEntryFile(cohortDir, 'demo', id), JSON.stringify(cohortEntryOf(learner, progress, new Date(at))));
  };
  for (let start = 0; start < count; start += 500)
    await Promise.all(Array.from({ length: Math.min(500, count - start) }, (_, i) => write(start + i)));
}
