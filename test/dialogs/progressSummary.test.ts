import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { initialContext, lessonKey, stepKey, type ConversationContext, type StepAnswer } from '../../dialogs/conversationContext';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { summarizeProgress } from '../../dialogs/progress';

const index = new ProgrammeIndex(loadCurriculumOrThrow());

/** A learner who answered every step of the module's first lesson with something of the step's kind. */
function learnerIn(moduleAt: number): ConversationContext {
  const module = index.modules[moduleAt]!;
  const lesson = module.lessons[0]!;
  const answers: Record<string, StepAnswer> = {};
  for (const step of lesson.steps) {
    const key = stepKey(module.id, lesson.id, step.id);
    if (step.kind === 'question') answers[key] = { kind: 'text', text: `answer to ${step.id}` };
    if (step.kind === 'number') answers[key] = { kind: 'number', value: 120 };
    if (step.kind === 'quiz') answers[key] = { kind: 'quiz', optionId: step.options[0]!.id, correct: true };
  }
  return {
    ...initialContext,
    locale: 'en',
    lessons: { [lessonKey(module.id, lesson.id)]: { status: 'in-progress', stepId: lesson.steps[1]!.id } },
    answers,
  };
}

describe('the progress summary', () => {
  test('lists the modules the learner touched, with every lesson, and leaves out the rest whoever was summarised before', () => {
    const first = learnerIn(0);
    const last = learnerIn(index.modules.length - 1);
    const firstModule = index.modules[0]!;
    const lastModule = index.modules[index.modules.length - 1]!;
    const lastLesson = lastModule.lessons[0]!;

    expect(summarizeProgress(index, initialContext).modules).toEqual({});
    const ofFirst = summarizeProgress(index, first);
    const ofLast = summarizeProgress(index, last);

    expect(Object.keys(ofLast.modules)).toEqual([lastModule.id]);
    expect(Object.keys(ofLast.modules[lastModule.id]!.lessons)).toEqual(lastModule.lessons.map((lesson) => lesson.id));
    expect(ofLast.modules[lastModule.id]!.lessons[lastLesson.id]).toMatchObject({
      status: 'in-progress',
      stepsDone: 1,
      stepCount: lastLesson.steps.length,
    });
    expect(Object.keys(ofFirst.modules)).toEqual([firstModule.id]);
    expect(ofFirst.modules[firstModule.id]!.lessons[firstModule.lessons[1]!.id]!.status).toBe('not-started');
    expect(summarizeProgress(index, initialContext).modules).toEqual({});
  });
});
