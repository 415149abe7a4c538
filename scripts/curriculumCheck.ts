import { resolve } from 'node:path';
import { builtInContentDir, formatContentError, loadCurriculum } from '../curriculum/loadCurriculum';

/**
 * `npm run curriculum:check [dir ...]`: validates the built-in content plus any extra content folders
 * (as CONTENT_DIRS would load them), prints every error as file, path and problem, and exits 1 on any.
 */
function main(args: readonly string[]): number {
  const directories = [builtInContentDir(), ...args.map((dir) => resolve(dir))];
  const result = loadCurriculum(directories);
  if (!result.ok) {
    for (const error of result.errors) process.stderr.write(`${formatContentError(error)}\n`);
    process.stderr.write(`\n${result.errors.length} error(s) in ${directories.join(', ')}\n`);
    return 1;
  }
  for (const module of result.curriculum.modules) {
    const steps = module.lessons.reduce((sum, lesson) => sum + lesson.steps.length, 0);
    process.stdout.write(`ok  ${module.order}. ${module.id}: ${module.lessons.length} lessons, ${steps} steps\n`);
  }
  process.stdout.write(`\nThe curriculum is valid: ${result.curriculum.modules.length} modules, ${result.curriculum.artefacts.length} artefacts.\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
