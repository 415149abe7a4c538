import { LOCALES } from '../../curriculum/schema';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { ConversationDriver } from '../support/conversationDriver';
import { answerNumber, scriptLesson } from '../support/scriptedLearner';

const curriculum = loadCurriculumOrThrow();
const lessons = curriculum.modules.flatMap((module) =>
  module.lessons.flatMap((lesson) => LOCALES.map((locale) => ({ module, lesson, locale, name: `${module.id}/${lesson.id} (${locale})` }))),
);

/** Puts a fresh learner at the first step of the lesson. */
function learnerAtLesson(moduleId: string, lessonId: string, locale: 'sv' | 'en'): ConversationDriver {
  const driver = new ConversationDriver(curriculum);
  driver.onboard(locale);
  driver.choose(`lesson:${moduleId}/${lessonId}`);
  return driver;
}

describe.each(lessons)('lesson $name', ({ module, lesson, locale }) => {
  it('is walked from its first step to its summary with answers derived from the content', () => {
    const driver = new ConversationDriver(curriculum);
    driver.onboard(locale);
    const first = lesson.steps[0]!;
    const opening = driver.choose(`lesson:${module.id}/${lesson.id}`);
    expect(opening).toContain(('text' in first ? first.text[locale] : first.prompt[locale]).slice(0, 40));

    for (const turn of scriptLesson(lesson, locale)) {
      const reply = driver.reply(turn.event);
      expect({ step: turn.stepId, reply }).toEqual({ step: turn.stepId, reply: expect.stringContaining(turn.expectReply) });
    }
    expect(driver.context.lessons[`${module.id}/${lesson.id}`]?.status).toBe('completed');
    const answered = lesson.steps.filter((s) => !['teach', 'example', 'calculation', 'summary'].includes(s.kind));
    for (const step of answered) expect(driver.context.answers[`${module.id}/${lesson.id}/${step.id}`]).toBeDefined();
    for (const step of lesson.steps) {
      if (step.kind !== 'number') continue;
      const answer = { step: step.id, answer: driver.context.answers[`${module.id}/${lesson.id}/${step.id}`] };
      expect(answer).toEqual({ step: step.id, answer: { kind: 'number', value: answerNumber(step, locale).value } });
    }
  });

  it('behaves identically when the conversation is persisted and restored before every turn', () => {
    const uninterrupted = learnerAtLesson(module.id, lesson.id, locale);
    const restored = learnerAtLesson(module.id, lesson.id, locale);
    for (const turn of scriptLesson(lesson, locale, 'wrong')) {
      const document = JSON.parse(JSON.stringify(restored.document)) as Record<string, unknown>;
      const fresh = new ConversationDriver(curriculum);
      fresh.load(document);
      expect(fresh.reply(turn.event)).toEqual(uninterrupted.reply(turn.event));
      restored.load(fresh.document);
      expect(restored.context).toEqual(uninterrupted.context);
    }
  });
});
