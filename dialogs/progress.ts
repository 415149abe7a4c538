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

/**
 * Artefact id → field id → the learner's latest answer, assembled from every step that writes a field, and
 * from every calculated line that writes one and can be worked out from the learner's numbers.
 */
export function assembleArtefacts(index: ProgrammeIndex, context: ConversationContext, locale: Locale) {
  const artefacts: Record<string, Record<string, string>> = {};
  const write = (artefactField: string, value: string) => {
    const [artefactId, fieldId] = artefactField.split('.') as [string, string];
    (artefacts[artefactId] ??= {})[fieldId] = value;
  };
  for (const module of index.modules) {
    for (const lesson of module.lessons) {
      for (const step of lesson.steps) {
        if (step.kind === 'calculation') {
          for (const { line, value } of evaluateCalculation(module, lesson.id, step, context.answers).lines) {
            if (line.artefactField && value !== null)
              write(line.artefactField, formatQuantity(value, line.unit, locale, { precision: 'worked-out' }));
          }
          continue;
        }
        if (!('artefactField' in step) || !step.artefactField) continue;
        const answer = context.answers[stepKey(module.id, lesson.id, step.id)];
        if (!answer || answer.kind === 'skipped') continue;
        write(step.artefactField, describeAnswer(step, answer, locale));
      }
    }
  }
  return artefacts;
}

/** Per-module and per-lesson status for advisors and exports (the shape the stores keep as the progress summary). */
export function summarizeProgress(index: ProgrammeIndex, context: ConversationContext) {
  const modules: Record<
    string,
    {
      lessons: Record<
        string,
        { status: 'not-started' | 'in-progress' | 'completed'; stepsDone: number; stepCount: number; quizCorrect: number; quizTotal: number }
      >;
    }
  > = {};
  for (const module of index.modules) {
    const lessons: (typeof modules)[string]['lessons'] = {};
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
    modules[module.id] = { lessons };
  }
  return { modules, artefacts: assembleArtefacts(index, context, context.locale ?? 'sv') };
}
