import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineCoach } from '../adapters/ai/offlineCoach';
import { FileStore } from '../adapters/storage/file/fileStore';
import { MongoStore } from '../adapters/storage/mongo/mongoStore';
import { CoachService } from '../bot/coachService';
import { createLogger } from '../bot/logger';
import type { Store } from '../bot/ports/store';
import { TurnEngine } from '../bot/turnEngine';
import { loadCurriculumOrThrow } from '../curriculum/loadCurriculum';
import type { ConversationEvent } from '../dialogs/events';
import { ProgrammeIndex } from '../dialogs/programmeIndex';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from '../bot/organisations/loadOrganisations';
import { organisationSetup } from '../bot/organisations/programmeSetup';
import { jongodbUnavailable, startJongodb } from '../scripts/mongoTestServer';

/**
 * Turns per second, latency and memory of the turn engine on the file store and on MongoDB (the wire-compatible
 * test server), with learners onboarding and walking the first lesson.
 */
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const curriculum = loadCurriculumOrThrow();
const index = new ProgrammeIndex(curriculum);
const lesson = index.modules[0]!.lessons[0]!;

function script(): ConversationEvent[] {
  const events: ConversationEvent[] = [
    { type: 'session.started' },
    { type: 'user.choice', value: 'sv' },
    { type: 'user.text', text: 'Amina' },
    { type: 'user.text', text: 'Vätterhjul' },
    { type: 'user.text', text: 'Vi lagar cyklar.' },
    { type: 'user.choice', value: 'consent-yes' },
    { type: 'user.pickModule', moduleId: index.modules[0]!.id },
  ];
  for (const step of lesson.steps) {
    if (step.kind === 'question') events.push({ type: 'user.text', text: 'Ensamhet bland äldre på landsbygden, som saknar mötesplatser.' });
    else if (step.kind === 'quiz') events.push({ type: 'user.choice', value: step.options.find((o) => o.correct)!.id });
    else if (step.kind !== 'summary') events.push({ type: 'user.choice', value: 'next' });
  }
  return events;
}

async function run(name: string, store: Store): Promise<void> {
  const logger = createLogger('silent');
  const coach = new OfflineCoach();
  const { organisations, programmes } = organisationSetup(curriculum, loadOrganisationsOrThrow(builtInOrganisationsDir()), 'demo');
  const engine = new TurnEngine({ store, programmes, organisations, coach: new CoachService(coach, coach, logger), logger });
  const events = script();
  const latencies: number[] = [];
  let next = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const worker = async () => {
    for (let learner = next++; learner < LEARNERS; learner = next++) {
      for (const [i, event] of events.entries()) {
        const t = performance.now();
        await engine.handle({
          identity: { channel: 'webchat', userId: `wl_bench_${learner}` },
          organisationId: 'demo',
          activityId: `b${learner}-${i}`,
          event,
        });
        latencies.push(performance.now() - t);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  process.stdout.write(
    `${name.padEnd(14)} ${latencies.length} turns in ${seconds.toFixed(2)} s = ${(latencies.length / seconds).toFixed(0)} turns/s; ` +
      `latency p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; heap ${formatMegabytes(process.memoryUsage().heapUsed - heapBefore)}, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`,
  );
}

function formatMegabytes(bytes: number): string {
  return `${bytes >= 0 ? '+' : ''}${(bytes / 1e6).toFixed(1)} MB`.replace('+-', '-');
}

/** Turns on the file store and, where the test server is installed, on MongoDB. */
export async function benchTurns(): Promise<void> {
  process.stdout.write(`turn engine: ${LEARNERS} learners, ${CONCURRENCY} at a time, ${script().length} turns each (onboarding + "${lesson.id}")\n`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-'));
  const fileStore = await FileStore.open(dir);
  await run('file store', fileStore);
  await fileStore.close();
  await rm(dir, { recursive: true, force: true });

  if (jongodbUnavailable) {
    process.stdout.write(`MongoDB (test)  not measured: ${jongodbUnavailable}\n`);
    return;
  }
  const mongo = await startJongodb();
  const mongoStore = await MongoStore.open({ uri: mongo.uriFor('bench') });
  await run('MongoDB (test)', mongoStore);
  await mongoStore.close();
  await mongo.stop();
}
