import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Curriculum, Lesson } from '../../curriculum/schema';
import { ConversationDriver } from '../support/conversationDriver';

const original = loadCurriculumOrThrow();
const firstModule = original.modules[0]!;
const lesson = firstModule.lessons[0]!;

function withLesson(curriculum: Curriculum, replace: (lesson: Lesson) => Lesson | null): Curriculum {
  return {
    ...curriculum,
    modules: curriculum.modules.map((m) =>
      m.id !== firstModule.id
        ? m
        : { ...m, lessons: m.lessons.flatMap((l) => (l.id !== lesson.id ? [l] : [replace(l)].filter((x): x is Lesson => x !== null))) },
    ),
  };
}

/** A learner who has answered the lesson's first question and stands at the step after it, saved under the original content. */
function savedLearner(): { document: Record<string, unknown>; answeredStepId: string; currentStepId: string } {
  const driver = new ConversationDriver(original);
  driver.onboard('en');
  driver.choose(`lesson:${firstModule.id}/${lesson.id}`);
  for (const step of lesson.steps) {
    if (step.kind === 'question') {
      driver.text('Older people in the countryside are lonely.');
      return { document: driver.document, answeredStepId: step.id, currentStepId: driver.context.position!.stepId };
    }
    driver.choose('next');
  }
  throw new Error('the first lesson has no question');
}

describe('content changes do not strand learners', () => {
  it('moves a learner whose current step was removed to the first unanswered question of the lesson, keeping answers', () => {
    const { document, answeredStepId, currentStepId } = savedLearner();
    const changed = withLesson(original, (l) => ({ ...l, steps: l.steps.filter((s) => s.id !== currentStepId) }));
    const driver = new ConversationDriver(changed);
    driver.load(document);

    const reply = driver.text('hello again');
    const position = driver.context.position!;
    const step = driver.index.step(position)!;
    expect(position.lessonId).toBe(lesson.id);
    expect(step.id).not.toBe(currentStepId);
    expect(['question', 'quiz', 'choice', 'scale', 'sdg', 'summary']).toContain(step.kind);
    expect(reply).toContain(('text' in step ? step.text.en : step.prompt.en).slice(0, 30));
    expect(driver.context.answers[`${firstModule.id}/${lesson.id}/${answeredStepId}`]).toMatchObject({
      kind: 'text',
      text: 'Older people in the countryside are lonely.',
    });
  });

  it('moves a learner whose lesson was removed to the next unfinished lesson of the firstModule', () => {
    const { document, answeredStepId } = savedLearner();
    const changed = withLesson(original, () => null);
    const driver = new ConversationDriver(changed);
    driver.load(document);

    driver.text('hello again');
    expect(driver.context.position?.moduleId).toBe(firstModule.id);
    expect(driver.context.position?.lessonId).toBe(firstModule.lessons[1]!.id);
    expect(driver.context.position?.stepId).toBe(firstModule.lessons[1]!.steps[0]!.id);
    expect(driver.context.answers[`${firstModule.id}/${lesson.id}/${answeredStepId}`]).toBeDefined();
  });

  it('sends a learner whose firstModule was removed to the menu, with everything answered kept', () => {
    const { document, answeredStepId } = savedLearner();
    const changed: Curriculum = { ...original, modules: original.modules.filter((m) => m.id !== firstModule.id) };
    const driver = new ConversationDriver(changed);
    driver.load(document);

    const reply = driver.text('hello again');
    expect(driver.stateValue).toEqual({ active: 'menu' });
    expect(reply).toContain('Your modules');
    expect(driver.context.answers[`${firstModule.id}/${lesson.id}/${answeredStepId}`]).toBeDefined();
  });

  it('leaves a learner alone when steps were added before their place', () => {
    const { document, currentStepId } = savedLearner();
    const changed = withLesson(original, (l) => ({
      ...l,
      steps: [{ id: 'new-intro', kind: 'teach', text: { sv: 'Ny text.', en: 'New text.' } }, ...l.steps],
    }));
    const driver = new ConversationDriver(changed);
    driver.load(document);
    driver.reply({ type: 'session.started' });
    expect(driver.context.position?.stepId).toBe(currentStepId);
  });
});
