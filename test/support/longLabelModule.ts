import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ChoiceStep, Curriculum, ProgrammeModule, QuizStep, Step } from '../../curriculum/schema';

/** An option label no phone can show on one line and no word break helps with, unless the widget wraps anywhere. */
const UNBREAKABLE = {
  id: 'unbreakable',
  text: { sv: 'Socialförsäkringsbalkensersättningsbestämmelseranalys', en: 'Socialförsäkringsbalkensersättningsbestämmelseranalys' },
};

/** The options plus the unbreakable one: added when there is room, else in place of the shortest wrong option. */
function withUnbreakable<O extends { id: string; text: { sv: string; en: string }; correct?: boolean }>(options: readonly O[], max: number): O[] {
  if (options.length < max) return [...options, UNBREAKABLE as O];
  const shortest = options.filter((o) => !o.correct).reduce((a, b) => (b.text.en.length < a.text.en.length ? b : a));
  return options.map((o) => (o === shortest ? (UNBREAKABLE as O) : o));
}

/** The longest option label of a step, in either language. */
function longestOption(step: QuizStep | ChoiceStep): number {
  return Math.max(...step.options.flatMap((option) => [option.text.sv.length, option.text.en.length]));
}

function stepWithLongestOptions<S extends QuizStep | ChoiceStep>(curriculum: Curriculum, matches: (step: Step) => step is S): S {
  const steps = curriculum.modules.flatMap((m) => m.lessons.flatMap((l) => l.steps)).filter(matches);
  return steps.reduce((longest, step) => (longestOption(step) > longestOption(longest) ? step : longest));
}

/** A content folder (for CONTENT_DIRS) with one module that asks the content's own widest questions. */
export interface LongLabelModule {
  readonly dir: string;
  readonly module: ProgrammeModule;
  /** The content's quiz with the longest option label, and the multi-select choice with the longest one. */
  readonly quiz: QuizStep;
  readonly multiSelect: ChoiceStep;
  remove(): Promise<void>;
}

/**
 * Writes a module whose only lesson starts with the content's quiz with the longest option labels, then its multi-select
 * choice with the longest ones, each with one more label that is a single long word; so a layout test walks there in
 * a few steps, and follows the content when it changes.
 */
export async function writeLongLabelModule(curriculum: Curriculum): Promise<LongLabelModule> {
  const realQuiz = stepWithLongestOptions(curriculum, (s): s is QuizStep => s.kind === 'quiz');
  const realChoice = stepWithLongestOptions(curriculum, (s): s is ChoiceStep => s.kind === 'choice' && s.multiple === true);
  const quiz: QuizStep = { ...realQuiz, id: 'longest-quiz', options: withUnbreakable(realQuiz.options, 6) };
  // Its artefact belongs to its own module.
  const { artefactField: _artefactField, ...choiceWithoutArtefact } = realChoice;
  const multiSelect: ChoiceStep = { ...choiceWithoutArtefact, id: 'longest-multi-select', options: withUnbreakable(realChoice.options, 10) };
  const module: ProgrammeModule = {
    id: 'long-labels',
    order: 999,
    title: { sv: 'Långa svarsalternativ på en liten skärm', en: 'Long answer options on a small screen' },
    description: { sv: 'Innehållets bredaste frågor.', en: 'The widest questions of the content.' },
    lessons: [
      {
        id: 'widest-questions',
        title: { sv: 'De bredaste frågorna', en: 'The widest questions' },
        sources: [{ title: { sv: 'Innehållet', en: 'The content' }, url: 'https://example.org/content' }],
        steps: [quiz, multiSelect, { id: 'summary', kind: 'summary', text: { sv: 'Klart.', en: 'Done.' } }],
      },
    ],
  };
  const dir = await mkdtemp(join(tmpdir(), 'svc-long-labels-'));
  await mkdir(join(dir, 'modules'));
  await writeFile(join(dir, 'modules', '999-long-labels.yaml'), stringify(module), 'utf8');
  return { dir, module, quiz, multiSelect, remove: () => rm(dir, { recursive: true, force: true }) };
}
