import { lessonKey, stepKey, type ConversationContext, type LessonPosition, type StepAnswer } from './conversationContext';
import type { RecordedAnswer } from './outgoing';
import type { ProgrammeIndex } from './programmeIndex';

/** The lesson a learner enters when choosing a module: the one in progress, else the first not completed. */
export function lessonToEnter(index: ProgrammeIndex, context: ConversationContext, moduleId: string): string | null {
  const module = index.module(moduleId);
  if (!module) return null;
  const inProgress = module.lessons.find((l) => context.lessons[lessonKey(moduleId, l.id)]?.status === 'in-progress');
  const notDone = module.lessons.find((l) => context.lessons[lessonKey(moduleId, l.id)]?.status !== 'completed');
  return (inProgress ?? notDone)?.id ?? null;
}

/** Where a lesson resumes: the saved step of a lesson in progress (if it still exists), else its first step. */
export function positionFor(index: ProgrammeIndex, context: ConversationContext, moduleId: string, lessonId: string): LessonPosition | null {
  const saved = context.lessons[lessonKey(moduleId, lessonId)];
  if (saved?.status === 'in-progress' && index.step({ moduleId, lessonId, stepId: saved.stepId })) {
    return { moduleId, lessonId, stepId: saved.stepId };
  }
  return index.firstStep(moduleId, lessonId);
}

/** The context change that moves the learner to `position` and remembers it as the lesson's place. */
export function withPosition(context: ConversationContext, position: LessonPosition): Partial<ConversationContext> {
  const key = lessonKey(position.moduleId, position.lessonId);
  const status = context.lessons[key]?.status ?? 'in-progress';
  return { position, pendingSdgMain: null, lessons: { ...context.lessons, [key]: { status, stepId: position.stepId } } };
}

/** The context change that keeps `answer` as the answer to the current step. */
export function withAnswer(context: ConversationContext, answer: StepAnswer): Partial<ConversationContext> {
  const p = context.position!;
  return { answers: { ...context.answers, [stepKey(p.moduleId, p.lessonId, p.stepId)]: answer } };
}

/** The event that hands the current step's answer to the turn engine for the answer log. */
export function recordedAnswer(index: ProgrammeIndex, context: ConversationContext, answer: RecordedAnswer['answer'], correct?: boolean) {
  const p = context.position!;
  const step = index.step(p)!;
  const record: RecordedAnswer = {
    moduleId: p.moduleId,
    lessonId: p.lessonId,
    stepId: p.stepId,
    stepKind: step.kind,
    answer,
    ...(correct === undefined ? {} : { correct }),
  };
  return { type: 'answer.recorded' as const, answer: record };
}
