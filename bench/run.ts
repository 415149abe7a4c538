import { benchCohort } from './cohort';
import { benchStartup } from './startup';
import { benchTurns } from './turns';

/** `npm run bench`: prints figures (speed and memory belong here, not in timed tests). */
async function main(): Promise<void> {
  process.stdout.write(`Node.js ${process.versions.node} on ${process.platform}/${process.arch}\n`);
  await benchStartup();
  await benchTurns();
  await benchCohort();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
