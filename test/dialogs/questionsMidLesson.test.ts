import { stepKey } from '../../dialogs/conversationContext';
import type { EmittedEvent } from '../../dialogs/outgoing';
import { ConversationDriver } from '../support/conversationDriver';

const lessonOf = (driver: ConversationDriver) => driver.index.modules[0]!.lessons[0]!;

/** A learner in the first lesson, at the first step of `kind` (the steps before it answered or passed). */
function atFirst(kind: string, driver = new ConversationDriver()): ConversationDriver {
  driver.onboard('en');
  driver.choose(`module:${driver.index.modules[0]!.id}`);
  for (const step of lessonOf(driver).steps) {
    if (step.kind === kind) return driver;
    if (step.kind === 'question') driver.text('Older people in the countryside are lonely, and it is growing.');
    else if (step.kind === 'quiz') driver.choose(step.options[0]!.id);
    else driver.choose('next');
  }
  throw new Error(`no ${kind} step in the first lesson`);
}

const recorded = (emitted: readonly EmittedEvent[]) => emitted.flatMap((e) => (e.type === 'answer.recorded' ? [e.answer] : []));

describe('a question in the middle of a lesson', () => {
  it('mid-quiz: is answered, nothing is recorded for the quiz, and the quiz is shown again with its options', () => {
    const driver = atFirst('quiz');
    const position = driver.context.position;
    const quiz = driver.index.step(position!)!;

    const messages = driver.send({ type: 'user.question', text: 'What is an IOP?', addressed: true });

    expect(driver.context.position).toEqual(position);
    expect(driver.context.answers[stepKey(position!.moduleId, position!.lessonId, position!.stepId)]).toBeUndefined();
    expect(recorded(driver.emitted)).toEqual([expect.objectContaining({ stepKind: 'learner-question', answer: 'What is an IOP?' })]);
    expect(messages[0]).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^\*\*Automatic search of the programme:\*\*\nI cannot answer questions myself/),
    });
    expect(messages[0]).toMatchObject({
      text: expect.stringMatching(/“Idea-based public partnership \(IOP\)” in the module “Working with the public sector”/),
    });
    expect(messages[messages.length - 1]).toMatchObject({ kind: 'choices', text: quiz.kind === 'quiz' ? quiz.prompt.en : '' });
  });

  it('mid-teaching step: is not taken as "Next"', () => {
    const driver = atFirst('teach');
    const position = driver.context.position;

    const reply = driver.text('what does deadweight mean');

    expect(driver.context.position).toEqual(position);
    expect(reply).toMatch(/Automatic search of the programme/);
    expect(reply).toMatch(/• “Social return on investment \(SROI\)” in the module “Impact measurement and management”/);
    expect(reply).toMatch(/Advisor: /);
    expect(reply.endsWith(`${lessonOf(driver).steps[0]!.kind === 'teach' ? 'Next ▸' : ''}`)).toBe(true);
  });

  it('at a free-text step: is not stored as the answer, and the answer given next is', () => {
    const driver = atFirst('question');
    const position = driver.context.position!;
    const key = stepKey(position.moduleId, position.lessonId, position.stepId);

    driver.text('Vad menas med dödvikt?');
    expect(driver.context.answers[key]).toBeUndefined();
    expect(driver.context.position).toEqual(position);
    expect(recorded(driver.emitted).filter((a) => a.stepKind === 'question')).toEqual([]);

    driver.text('Older people in the countryside are lonely, and it is growing.');
    expect(driver.context.answers[key]).toMatchObject({ kind: 'text', text: 'Older people in the countryside are lonely, and it is growing.' });
    expect(recorded(driver.emitted)).toEqual([
      expect.objectContaining({ stepId: position.stepId, stepKind: 'question', feedback: expect.any(String) }),
    ]);
  });

  it('takes an answer said with a rising tone as the answer', () => {
    const driver = atFirst('question');
    const position = driver.context.position!;

    driver.text('Vi vill hjälpa unga att hitta jobb?');

    expect(driver.context.answers[stepKey(position.moduleId, position.lessonId, position.stepId)]).toMatchObject({
      text: 'Vi vill hjälpa unga att hitta jobb?',
    });
  });

  it('at the step that asks for a “How might we …?” question, takes such a question as the answer, and still answers one put to the bot', () => {
    const driver = new ConversationDriver();
    driver.onboard('sv');
    const module = driver.index.modules[0]!;
    const lesson = module.lessons.find((l) => l.steps.some((s) => s.kind === 'question' && s.expectsQuestion))!;
    driver.send({ type: 'user.pickLesson', moduleId: module.id, lessonId: lesson.id });
    for (const step of lesson.steps) {
      if (step.kind === 'question' && step.expectsQuestion) break;
      if (step.kind === 'question') driver.text('Äldre på landsbygden är ensamma och det blir värre.');
      else if (step.kind === 'quiz' || step.kind === 'choice') driver.choose(step.options[0]!.id);
      else driver.choose('next');
    }
    const position = driver.context.position!;
    const key = stepKey(position.moduleId, position.lessonId, position.stepId);

    expect(driver.text('Kan du ge ett exempel?')).toMatch(/Automatisk sökning i programmet/);
    expect(driver.context.answers[key]).toBeUndefined();

    driver.text('Hur kan vi få fler äldre i Kinda att träffa andra varje vecka?');
    expect(driver.context.answers[key]).toMatchObject({ text: 'Hur kan vi få fler äldre i Kinda att träffa andra varje vecka?' });
  });

  it('at the menu: is answered, and the menu is shown again', () => {
    const driver = new ConversationDriver();
    driver.onboard('sv');

    const messages = driver.send({ type: 'user.question', text: 'Vad är IOP?', addressed: true });

    expect(messages[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/Automatisk sökning i programmet/) });
    expect(messages[messages.length - 1]).toMatchObject({ kind: 'progress' });
    expect(driver.stateValue).toEqual({ active: 'menu' });
  });

  it('in onboarding: is read as the text it is', () => {
    const driver = new ConversationDriver();
    driver.reply({ type: 'session.started' });
    driver.choose('sv');
    driver.choose('consent-yes');
    driver.text('Amina');
    driver.text('Vätterhjul');
    driver.text('Hur kan vi hjälpa unga att hitta jobb?');

    expect(driver.context.profile.ventureLine).toBe('Hur kan vi hjälpa unga att hitta jobb?');
  });
});

describe('the conversation about an answer, with the AI coach', () => {
  function answered() {
    const driver = atFirst('question', new ConversationDriver(undefined, { coach: 'manual' }));
    const position = driver.context.position!;
    driver.text('Older people in the countryside are lonely, and it is growing.');
    return { driver, key: stepKey(position.moduleId, position.lessonId, position.stepId), next: driver.index.nextStep(position)! };
  }

  it('waits for the feedback: writing meanwhile asks again, and the reply to the first request is then not used', () => {
    const { driver, key } = answered();
    const first = driver.pendingAsks[0]!;

    expect(driver.text('hello?')).toBe('The feedback on your answer is on its way – one moment, and then we carry on.');
    const second = driver.pendingAsks[1]!;
    expect(second).toMatchObject({ kind: 'feedback', requestId: first.requestId + 1 });

    expect(driver.coachReplies('Old feedback.', 'ai', first)).toBe('');
    expect(driver.coachReplies('✔ Concrete.\n➜ Add numbers.', 'ai', second)).toMatch(/^\*\*AI feedback:\*\*\n✔ Concrete\./);
    expect(driver.context.answers[key]).toMatchObject({ feedback: '✔ Concrete.\n➜ Add numbers.' });
    expect(recorded(driver.emitted)).toEqual([expect.objectContaining({ stepKind: 'question', feedback: '✔ Concrete.\n➜ Add numbers.' })]);
  });

  it('offers AI feedback for one reply, then the lesson goes on with the next step', () => {
    const { driver, next } = answered();
    driver.coachReplies('✔ Concrete.\n➜ Add numbers.');
    expect(driver.stateValue).toEqual({ active: { lesson: 'feedbackOffered' } });

    driver.text('Can you give an example?');
    expect(driver.pendingAsks).toEqual([
      expect.objectContaining({ kind: 'followUp', text: 'Can you give an example?', feedback: '✔ Concrete.\n➜ Add numbers.' }),
    ]);

    const reply = driver.coachReplies('For example: “12 of 20 see nobody in a week.”');
    expect(reply).toMatch(/^\*\*AI reply:\*\*\nFor example/);
    expect(driver.context.position).toEqual(next);
    expect(recorded(driver.emitted)).toEqual([expect.objectContaining({ stepKind: 'follow-up', answer: 'Can you give an example?' })]);
  });

  it('goes straight on after offline feedback', () => {
    const { driver, next } = answered();
    const step = driver.index.step(next)!;
    const reply = driver.coachReplies('A simple automatic check …', 'offline');
    expect(reply).toMatch(/^\*\*Automatic feedback:\*\*/);
    expect(reply).toContain('prompt' in step ? step.prompt.en : 'text' in step ? step.text.en : '');
  });

  it('logs the answer once, without feedback, when the learner leaves before it comes, and keeps late feedback with it', () => {
    const { driver, key } = answered();
    const ask = driver.pendingAsks[0]!;

    driver.text('menu');
    expect(recorded(driver.emitted)).toEqual([
      expect.objectContaining({ stepKind: 'question', answer: 'Older people in the countryside are lonely, and it is growing.' }),
    ]);
    expect(recorded(driver.emitted)[0]).not.toHaveProperty('feedback');

    expect(driver.coachReplies('Late feedback.', 'ai', ask)).toBe('');
    expect(driver.context.answers[key]).toMatchObject({ feedback: 'Late feedback.' });
    expect(recorded(driver.emitted)).toEqual([]);
  });
});
