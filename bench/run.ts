import { benchCohort } from './cohort';
import { benchCoach } from './coach';
import { benchMemory } from './memory';
import { benchStartup } from './startup';
import { benchThroughput } from './throughput';
import { benchTurns } from './turns';

/** `npm run bench`: prints figures (speed and memory belong here, not in timed tests). */
async function main(): Promise<void> {
  process.stdout.write(`Node.js ${process.versions.node} on ${process.platform}/${process.arch}\n`);
  const only = process.env.BENCH_ONLY?.split(',');
  if (!only || only.includes('startup')) await benchStartup();
  if (!only || only.includes('engine')) await benchTurns();
  if (!only || only.includes('http')) await benchThroughput();
  if (!only || only.includes('memory')) await benchMemory();
  if (!only || only.includes('cohort')) await benchCohort();
  if (!only || only.includes('coach')) await benchCoach();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
