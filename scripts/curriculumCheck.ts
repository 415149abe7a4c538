import { resolve } from 'node:path';
import { builtInContentDir, formatContentError, loadCurriculum } from '../curriculum/loadCurriculum';

/**
 * `npm run curriculum:check [dir ...]`: validates the built-in content plus any extra content folders
 * (as CONTENT_DIRS would load them), lists the modules and what each extra folder contributed, prints every
 * error as file, path and problem, and exits 1 on any (a folder with nothing to load is one).
 */
export function checkCurriculum(
  args: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number {
  const directories = [builtInContentDir(), ...args.map((dir) => resolve(dir))];
  const result = loadCurriculum(directories);
  if (!result.ok) {
    for (const error of result.errors) err.write(`${formatContentError(error)}\n`);
    err.write(`\n${result.errors.length} error(s) in ${directories.join(', ')}\n`);
    return 1;
  }
  for (const module of result.curriculum.modules) {
    const steps = module.lessons.reduce((sum, lesson) => sum + lesson.steps.length, 0);
    out.write(`ok  ${module.order}. ${module.id}: ${module.lessons.length} lessons, ${steps} steps\n`);
  }
  result.folders.slice(1).forEach((folder, i) => {
    out.write(`\nfrom ${args[i] ?? folder.directory}: ${listed(folder.modules, 'module')}, ${listed(folder.artefacts, 'artefact')}\n`);
  });
  out.write(`\nThe curriculum is valid: ${result.curriculum.modules.length} modules, ${result.curriculum.artefacts.length} artefacts.\n`);
  return 0;
}

/** "2 modules (a, b)", "1 artefact (c)", "0 modules". */
function listed(ids: readonly string[], noun: string): string {
  return `${ids.length} ${noun}${ids.length === 1 ? '' : 's'}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
}

if (require.main === module) process.exitCode = checkCurriculum(process.argv.slice(2));
