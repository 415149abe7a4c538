import type { Locale, ProgrammeModule } from '../curriculum/schema';
import { lessonKey, stepKey, type ConversationContext } from './conversationContext';
import { describeAnswer } from './describeAnswer';
import { evaluateCalculation } from './evaluateCalculation';
import { formatQuantity } from './formatQuantity';
import type { ModuleProgressView } from './outgoing';
import type { ProgrammeIndex } from './programmeIndex';

const BAR_SEGMENTS = 5;

/** "▰▰▰▱▱ 60 %" */
export function progressBar(percent: number): string {
  const filled = Math.round((percent / 100) * BAR_SEGMENTS);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR_SEGMENTS - filled)} ${percent} %`;
}

export function lessonsDone(module: ProgrammeModule, context: ConversationContext): number {
  return module.lessons.filter((l) => context.lessons[lessonKey(module.id, l.id)]?.status === 'completed').length;
}

/**
 * How far through the module the learner is, 0-100: completed lessons count whole, a lesson in progress by the share
 * of its steps behind the learner (so starting a lesson shows at once, and 100 means every lesson is completed).
 */
export function modulePercent(module: ProgrammeModule, context: ConversationContext): number {
  const lessonShares = module.lessons.map((lesson) => {
    const state = context.lessons[lessonKey(module.id, lesson.id)];
    if (state?.status === 'completed') return 1;
    if (!state) return 0;
    const at = lesson.steps.findIndex((s) => s.id === state.stepId);
    return Math.max(at, 0) / lesson.steps.length;
  });
  const share = lessonShares.reduce((sum, part) => sum + part, 0) / module.lessons.length;
  const percent = Math.round(share * 100);
  return percent === 100 && lessonShares.some((part) => part < 1) ? 99 : percent;
}

export function moduleView(module: ProgrammeModule, context: ConversationContext, locale: Locale): ModuleProgressView {
  const done = lessonsDone(module, context);
  const percent = modulePercent(module, context);
  return {
    moduleId: module.id,
    title: module.title[locale],
    lessonsDone: done,
    lessonCount: module.lessons.length,
    percent,
    bar: progressBar(percent),
  };
}

/** Quiz answers right at the last attempt, and quizzes in the lesson. */
export function quizScore(index: ProgrammeIndex, context: ConversationContext, moduleId: string, lessonId: string) {
  const quizzes = index.lesson(moduleId, lessonId)?.steps.filter((s) => s.kind === 'quiz') ?? [];
  const correct = quizzes.filter((q) => {
    const answer = context.answers[stepKey(moduleId, lessonId, q.id)];
    return answer?.kind === 'quiz' && answer.correct;
  }).length;
  return { correct, total: quizzes.length };
}

/** The field writes of one module's steps, in step order: `artefact.field` and the value. */
type ArtefactWrites = readonly (readonly [string, string])[];

function moduleArtefactWrites(module: ProgrammeModule, answers: ConversationContext['answers'], locale: Locale): ArtefactWrites {
  const writes: [string, string][] = [];
  for (const lesson of module.lessons) {
    for (const step of lesson.steps) {
      if (step.kind === 'calculation') {
        for (const { line, value } of evaluateCalculation(module, lesson.id, step, answers).lines) {
          if (line.artefactField && value !== null)
            writes.push([line.artefactField, formatQuantity(value, line.unit, locale, { precision: 'worked-out' })]);
        }
        continue;
      }
      if (!('artefactField' in step) || !step.artefactField) continue;
      const answer = answers[stepKey(module.id, lesson.id, step.id)];
      if (!answer || answer.kind === 'skipped') continue;
      writes.push([step.artefactField, describeAnswer(step, answer, locale)]);
    }
  }
  return writes;
}

/**
 * Whether the learner has a lesson or an answer in the module. A module the learner has not touched looks the same for
 * every learner: the summary leaves it out, and its artefact fields are worked out once (per language) and reused.
 */
function touches(context: ConversationContext, module: ProgrammeModule): boolean {
  const prefix = `${module.id}/`;
  const starts = (key: string) => key.startsWith(prefix);
  return Object.keys(context.lessons).some(starts) || Object.keys(context.answers).some(starts);
}

const untouchedWrites = new WeakMap<ProgrammeModule, Map<Locale, ArtefactWrites>>();

function untouchedArtefactWrites(module: ProgrammeModule, locale: Locale): ArtefactWrites {
  let byLocale = untouchedWrites.get(module);
  if (!byLocale) untouchedWrites.set(module, (byLocale = new Map<Locale, ArtefactWrites>()));
  let writes = byLocale.get(locale);
  if (!writes) byLocale.set(locale, (writes = moduleArtefactWrites(module, {}, locale)));
  return writes;
}

/**
 * Artefact id → field id → the learner's latest answer, assembled from every step that writes a field, and
 * from every calculated line that writes one and can be worked out from the learner's numbers.
 */
export function assembleArtefacts(index: ProgrammeIndex, context: ConversationContext, locale: Locale) {
  const artefacts: Record<string, Record<string, string>> = {};
  for (const module of index.modules) {
    const writes = touches(context, module) ? moduleArtefactWrites(module, context.answers, locale) : untouchedArtefactWrites(module, locale);
    for (const [artefactField, value] of writes) {
      const [artefactId, fieldId] = artefactField.split('.') as [string, string];
      (artefacts[artefactId] ??= {})[fieldId] = value;
    }
  }
  return artefacts;
}

type LessonSummary = {
  status: 'not-started' | 'in-progress' | 'completed';
  stepsDone: number;
  stepCount: number;
  quizCorrect: number;
  quizTotal: number;
};

function lessonSummaries(index: ProgrammeIndex, module: ProgrammeModule, context: ConversationContext): Record<string, LessonSummary> {
  const lessons: Record<string, LessonSummary> = {};
  for (const lesson of module.lessons) {
    const state = context.lessons[lessonKey(module.id, lesson.id)];
    const stepIndex = state ? lesson.steps.findIndex((s) => s.id === state.stepId) : -1;
    const score = quizScore(index, context, module.id, lesson.id);
    lessons[lesson.id] = {
      status: state?.status ?? 'not-started',
      stepsDone: state?.status === 'completed' ? lesson.steps.length : Math.max(stepIndex, 0),
      stepCount: lesson.steps.length,
      quizCorrect: score.correct,
      quizTotal: score.total,
    };
  }
  return lessons;
}

/**
 * Per-module and per-lesson status for advisors and exports (the shape the stores keep as the progress summary). A
 * module the learner has not touched is left out: it is not started, its lessons' counts are the curriculum's, and
 * listing every module took more than half of a stored progress record (validated, serialised and written each turn).
 */
export function summarizeProgress(index: ProgrammeIndex, context: ConversationContext) {
  const modules: Record<string, { lessons: Record<string, LessonSummary> }> = {};
  for (const module of index.modules) {
    if (touches(context, module)) modules[module.id] = { lessons: lessonSummaries(index, module, context) };
  }
  return { modules, artefacts: assembleArtefacts(index, context, context.locale ?? 'sv') };
}
