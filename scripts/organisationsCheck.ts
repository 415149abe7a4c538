import { resolve } from 'node:path';
import { builtInContentDir, loadCurriculum } from '../curriculum/loadCurriculum';
import { formatContentError } from '../curriculum/yamlFile';
import { builtInOrganisationsDir, loadOrganisations } from '../bot/organisations/loadOrganisations';

/**
 * `npm run organisations:check [dir]`: validates the organisation files in `dir` (the shipped ones by default) against
 * the schema, each other and the built-in curriculum; prints every error as file, path and problem, and exits 1 on any.
 */
export function checkOrganisations(
  args: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number {
  const directory = args[0] ? resolve(args[0]) : builtInOrganisationsDir();
  const curriculum = loadCurriculum([builtInContentDir()]);
  const moduleIds = curriculum.ok ? curriculum.curriculum.modules.map((m) => m.id) : undefined;
  const result = loadOrganisations(directory, moduleIds ? { moduleIds } : {});
  if (!result.ok) {
    for (const error of result.errors) err.write(`${formatContentError(error)}\n`);
    err.write(`\n${result.errors.length} error(s) in ${directory}\n`);
    return 1;
  }
  for (const organisation of result.organisations) {
    const modules = organisation.modules === 'all' ? 'all modules' : `${organisation.modules.length} modules`;
    const origins = organisation.allowedOrigins.length > 0 ? organisation.allowedOrigins.join(', ') : 'no other websites';
    out.write(`ok  ${organisation.id}: ${organisation.name.en}; ${modules}; embeddable on ${origins}\n`);
  }
  out.write(`\n${result.organisations.length} organisation(s) are valid.\n`);
  return 0;
}

if (require.main === module) process.exitCode = checkOrganisations(process.argv.slice(2));
