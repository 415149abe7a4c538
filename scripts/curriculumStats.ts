import { resolve } from 'node:path';
import { builtInContentDir, formatContentError, loadCurriculum } from '../curriculum/loadCurriculum';
import type { Curriculum, Locale, LocalizedText, ProgrammeModule, Step, StepKind } from '../curriculum/schema';

/** Reading speed behind the time estimate, in words per minute. */
export const WORDS_PER_MINUTE = 200;

/** The size of one module: for planning a programme and for keeping modules of similar weight. */
export interface ModuleStats {
  readonly id: string;
  readonly lessons: number;
  readonly steps: number;
  /** Steps of each kind; kinds the module does not use are 0. */
  readonly stepsByKind: Readonly<Record<StepKind, number>>;
  /**
   * Words a learner reads going through the module once, per language: module, lesson and step texts, prompts,
   * options, scale labels, calculated lines' labels and one quiz explanation per quiz. Rubric feedback and source titles are not counted.
   */
  readonly words: Readonly<Record<Locale, number>>;
  /** Estimated reading time of the Swedish text at {@link WORDS_PER_MINUTE}, in minutes with one decimal. */
  readonly readingMinutes: number;
}

const NO_STEPS: Readonly<Record<StepKind, number>> = {
  teach: 0,
  example: 0,
  question: 0,
  choice: 0,
  scale: 0,
  quiz: 0,
  sdg: 0,
  number: 0,
  calculation: 0,
  summary: 0,
};

/** Per module, in menu order: lessons, steps by kind, words per language and estimated reading minutes. */
export function curriculumStats(curriculum: Curriculum): ModuleStats[] {
  return curriculum.modules.map(moduleStats);
}

function moduleStats(module: ProgrammeModule): ModuleStats {
  const steps = module.lessons.flatMap((lesson) => lesson.steps);
  const stepsByKind = { ...NO_STEPS };
  for (const step of steps) stepsByKind[step.kind] += 1;
  const read = [module.title, module.description, ...module.lessons.map((lesson) => lesson.title), ...steps.flatMap(textsRead)];
  const words = { sv: countWords(read.map((t) => t.sv)), en: countWords(read.map((t) => t.en)) };
  return {
    id: module.id,
    lessons: module.lessons.length,
    steps: steps.length,
    stepsByKind,
    words,
    readingMinutes: Math.round((words.sv / WORDS_PER_MINUTE) * 10) / 10,
  };
}

function textsRead(step: Step): LocalizedText[] {
  switch (step.kind) {
    case 'teach':
    case 'example':
    case 'summary':
      return [step.text];
    case 'question':
    case 'sdg':
    case 'number':
      return [step.prompt];
    case 'calculation':
      return [step.text, ...step.lines.map((line) => line.label)];
    case 'choice':
      return [step.prompt, ...step.options.map((o) => o.text)];
    case 'scale':
      return [step.prompt, step.low, step.high];
    case 'quiz':
      return [step.prompt, ...step.options.map((o) => o.text), step.explanation.correct];
  }
}

function countWords(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length, 0);
}

/** The statistics as a plain-text table with a total row. */
export function formatCurriculumStats(stats: readonly ModuleStats[]): string {
  const kinds = Object.keys(NO_STEPS) as StepKind[];
  const header = ['module', 'lessons', 'steps', ...kinds, 'words sv', 'words en', 'min (sv)'];
  const row = (s: ModuleStats): string[] => [
    s.id,
    String(s.lessons),
    String(s.steps),
    ...kinds.map((kind) => String(s.stepsByKind[kind])),
    String(s.words.sv),
    String(s.words.en),
    s.readingMinutes.toFixed(1),
  ];
  const total: ModuleStats = {
    id: 'total',
    lessons: sum(stats.map((s) => s.lessons)),
    steps: sum(stats.map((s) => s.steps)),
    stepsByKind: Object.fromEntries(kinds.map((kind) => [kind, sum(stats.map((s) => s.stepsByKind[kind]))])) as Record<StepKind, number>,
    words: { sv: sum(stats.map((s) => s.words.sv)), en: sum(stats.map((s) => s.words.en)) },
    readingMinutes: Math.round(sum(stats.map((s) => s.readingMinutes)) * 10) / 10,
  };
  const rows = [header, ...stats.map(row), row(total)];
  const widths = header.map((_, column) => Math.max(...rows.map((r) => (r[column] ?? '').length)));
  return rows
    .map((r) => r.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '))
    .join('\n');
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** `npm run curriculum:stats [-- dir ...]`: prints the table for the built-in content plus any extra folders (as CONTENT_DIRS would load them). */
function main(args: readonly string[]): number {
  const result = loadCurriculum([builtInContentDir(), ...args.map((dir) => resolve(dir))]);
  if (!result.ok) {
    console.error(result.errors.map(formatContentError).join('\n'));
    return 1;
  }
  console.log(formatCurriculumStats(curriculumStats(result.curriculum)));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
