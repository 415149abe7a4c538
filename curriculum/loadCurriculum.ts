import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formulaProblems } from './formulaReferences';
import { artefactFile, programmeModule, type ArtefactDefinition, type Curriculum, type ProgrammeModule } from './schema';
import { displayPath, formatContentError, parseYamlFile, type ContentError } from './yamlFile';

/** What one content directory contributed: the ids of the modules and artefacts read from it. */
export interface FolderContents {
  readonly directory: string;
  readonly modules: readonly string[];
  readonly artefacts: readonly string[];
}

export { formatContentError, type ContentError } from './yamlFile';

export type CurriculumResult = { ok: true; curriculum: Curriculum; folders: readonly FolderContents[] } | { ok: false; errors: ContentError[] };

/** Thrown at start-up when content does not validate; the message lists every error. */
export class CurriculumError extends Error {
  constructor(readonly errors: readonly ContentError[]) {
    super(`The curriculum has ${errors.length} error(s):\n${errors.map(formatContentError).join('\n')}`);
    this.name = 'CurriculumError';
  }
}

/** The content that ships with the programme, beside this module (the build copies it into dist/). */
export function builtInContentDir(): string {
  return join(__dirname, 'content');
}

/**
 * Loads the programme from content directories. Each directory may hold `artefacts.yaml` and `modules/*.yaml`;
 * a later directory adds modules and artefacts, and replaces those with the same id.
 */
export function loadCurriculum(directories: readonly string[] = [builtInContentDir()]): CurriculumResult {
  const errors: ContentError[] = [];
  const modules = new Map<string, { module: ProgrammeModule; file: string }>();
  const artefacts = new Map<string, ArtefactDefinition>();
  const folders: FolderContents[] = [];

  for (const directory of directories) {
    if (!existsSync(directory)) {
      errors.push({ file: directory, path: '', message: 'content directory does not exist' });
      continue;
    }
    const artefactPath = join(directory, 'artefacts.yaml');
    const folder = { directory, modules: [] as string[], artefacts: [] as string[] };
    folders.push(folder);
    if (existsSync(artefactPath)) {
      const parsed = parseYamlFile(artefactPath, artefactFile, errors);
      for (const artefact of parsed?.artefacts ?? []) {
        artefacts.set(artefact.id, artefact);
        folder.artefacts.push(artefact.id);
      }
    }
    const moduleDir = join(directory, 'modules');
    const moduleFiles = existsSync(moduleDir)
      ? readdirSync(moduleDir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
      : [];
    for (const name of moduleFiles) {
      const file = join(moduleDir, name);
      const parsed = parseYamlFile(file, programmeModule, errors);
      if (!parsed) continue;
      modules.set(parsed.id, { module: parsed, file });
      folder.modules.push(parsed.id);
    }
    if (moduleFiles.length === 0 && !existsSync(artefactPath)) {
      errors.push({
        file: displayPath(directory),
        path: '',
        message: 'nothing was loaded from this folder: it has no modules/*.yaml and no artefacts.yaml (name the folder that holds modules/)',
      });
    }
  }

  for (const { module, file } of modules.values()) errors.push(...checkReferences(module, artefacts, displayPath(file)));
  if (modules.size === 0 && errors.length === 0) errors.push({ file: directories.join(', '), path: '', message: 'no modules found' });
  if (errors.length > 0) return { ok: false, errors };

  const ordered = [...modules.values()].map((m) => m.module).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { ok: true, curriculum: { modules: ordered, artefacts: [...artefacts.values()] }, folders };
}

/** Like loadCurriculum, but throws a CurriculumError listing every problem. */
export function loadCurriculumOrThrow(directories?: readonly string[]): Curriculum {
  const result = loadCurriculum(directories);
  if (!result.ok) throw new CurriculumError(result.errors);
  return result.curriculum;
}

function checkReferences(module: ProgrammeModule, artefacts: Map<string, ArtefactDefinition>, file: string): ContentError[] {
  const errors: ContentError[] = [];
  if (module.artefact && !artefacts.has(module.artefact)) {
    errors.push({ file, path: 'artefact', message: `unknown artefact "${module.artefact}"` });
  }
  const checkField = (artefactField: string | undefined, path: string): void => {
    if (!artefactField) return;
    const [artefactId, fieldId] = artefactField.split('.') as [string, string];
    const artefact = artefacts.get(artefactId);
    if (!artefact) errors.push({ file, path, message: `unknown artefact "${artefactId}"` });
    else if (!artefact.fields.some((f) => f.id === fieldId))
      errors.push({ file, path, message: `artefact "${artefactId}" has no field "${fieldId}"` });
  };
  module.lessons.forEach((lesson, l) =>
    lesson.steps.forEach((step, s) => {
      if ('artefactField' in step) checkField(step.artefactField, `lessons[${l}].steps[${s}].artefactField`);
      if (step.kind === 'calculation') {
        step.lines.forEach((line, i) => checkField(line.artefactField, `lessons[${l}].steps[${s}].lines[${i}].artefactField`));
      }
    }),
  );
  errors.push(...formulaProblems(module).map((problem) => ({ file, ...problem })));
  return errors;
}
