import type { Curriculum, Lesson, ProgrammeModule, Step } from '../curriculum/schema';
import type { LessonPosition } from './conversationContext';
import { isPresentationStep } from './stepKinds';

/** Look-ups over the loaded curriculum that the conversation needs. Pure and read-only. */
export class ProgrammeIndex {
  private readonly modulesById: ReadonlyMap<string, ProgrammeModule>;

  constructor(readonly curriculum: Curriculum) {
    this.modulesById = new Map(curriculum.modules.map((m) => [m.id, m]));
  }

  get modules(): readonly ProgrammeModule[] {
    return this.curriculum.modules;
  }

  module(moduleId: string): ProgrammeModule | undefined {
    return this.modulesById.get(moduleId);
  }

  lesson(moduleId: string, lessonId: string): Lesson | undefined {
    return this.module(moduleId)?.lessons.find((l) => l.id === lessonId);
  }

  step(position: LessonPosition): Step | undefined {
    return this.lesson(position.moduleId, position.lessonId)?.steps.find((s) => s.id === position.stepId);
  }

  /** Zero-based index of the step in its lesson, or -1. */
  stepIndex(position: LessonPosition): number {
    return this.lesson(position.moduleId, position.lessonId)?.steps.findIndex((s) => s.id === position.stepId) ?? -1;
  }

  /** Zero-based index of the lesson in its module, or -1. */
  lessonIndex(moduleId: string, lessonId: string): number {
    return this.module(moduleId)?.lessons.findIndex((l) => l.id === lessonId) ?? -1;
  }

  firstStep(moduleId: string, lessonId: string): LessonPosition | null {
    const first = this.lesson(moduleId, lessonId)?.steps[0];
    return first ? { moduleId, lessonId, stepId: first.id } : null;
  }

  /** The step after this one in the same lesson, or null at the end. */
  nextStep(position: LessonPosition): LessonPosition | null {
    const steps = this.lesson(position.moduleId, position.lessonId)?.steps ?? [];
    const next = steps[this.stepIndex(position) + 1];
    return next ? { ...position, stepId: next.id } : null;
  }

  /** The nearest earlier step that asks something (teaching steps and calculations are passed over), or null. */
  previousInteractiveStep(position: LessonPosition): LessonPosition | null {
    const steps = this.lesson(position.moduleId, position.lessonId)?.steps ?? [];
    for (let i = this.stepIndex(position) - 1; i >= 0; i--) {
      const candidate = steps[i]!;
      if (!isPresentationStep(candidate)) return { ...position, stepId: candidate.id };
    }
    return null;
  }

  /** The lesson after this one in the same module, or null. */
  nextLesson(moduleId: string, lessonId: string): string | null {
    const lessons = this.module(moduleId)?.lessons ?? [];
    return lessons[this.lessonIndex(moduleId, lessonId) + 1]?.id ?? null;
  }
}
