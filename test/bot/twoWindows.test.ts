import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/ports/store';
import type { Identity } from '../../bot/records';
import { TurnEngine, type TurnMessage, type TurnRequest } from '../../bot/turnEngine';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { ConversationEvent } from '../../dialogs/events';
import { NOT_APPLIED } from '../../dialogs/machine/staleViews';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { fileStoreFactory, type StoreFactory } from '../support/storeFactories';
import { testOrganisationSetup } from '../support/testOrganisations';

const index = new ProgrammeIndex(loadCurriculumOrThrow());
const logger = createLogger('silent');
const firstModule = index.modules[0]!;
const questions = firstModule.lessons.flatMap((lesson) => lesson.steps.filter((s) => s.kind === 'question').map((s) => ({ lesson, step: s })));

const web: Identity = { channel: 'webchat', userId: 'wl_window_one' };
const otherWindow: Identity = { channel: 'webchat', userId: 'wl_window_two' };

let sequence = 0;
const turn = (identity: Identity, event: ConversationEvent): TurnRequest => ({
  identity,
  organisationId: 'demo',
  activityId: `a-${++sequence}`,
  event,
});
const texts = (messages: readonly TurnMessage[]) => messages.map((m) => ('text' in m ? m.text : '')).join('\n');

describe('one learner in two linked windows', () => {
  let factory: StoreFactory;
  let store: Store;
  let engine: TurnEngine;

  beforeEach(async () => {
    factory = fileStoreFactory();
    store = await factory.open();
    const coach = new OfflineCoach();
    engine = new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
    for (const event of [
      { type: 'session.started' },
      { type: 'user.choice', value: 'en' },
      { type: 'user.choice', value: 'consent-yes' },
      { type: 'user.text', text: 'Amina' },
      { type: 'user.text', text: 'Vätterhjul' },
      { type: 'user.text', text: 'We repair bicycles.' },
      { type: 'user.choice', value: 'share-yes' },
    ] as ConversationEvent[])
      await engine.handle(turn(web, event));
    const learner = await store.resolveLearner(web, 'demo');
    await store.linkIdentity(learner.id, otherWindow);
  });
  afterEach(async () => factory.dispose());

  /** Both windows open at the first question of the first lesson (each has been shown it). */
  async function bothAtFirstQuestion(): Promise<string> {
    const { lesson, step } = questions[0]!;
    await engine.handle(turn(web, { type: 'user.pickLesson', moduleId: firstModule.id, lessonId: lesson.id }));
    for (const s of lesson.steps) {
      if (s.id === step.id) break;
      await engine.handle(turn(web, { type: 'user.choice', value: 'next' }));
    }
    await engine.handle(turn(otherWindow, { type: 'session.started' }));
    return step.id;
  }

  it('an answer typed in the window that is behind is kept, not applied to the step the learner moved on to', async () => {
    const questionId = await bothAtFirstQuestion();
    await engine.handle(turn(web, { type: 'user.text', text: 'Older people in the countryside are lonely.' }));

    const late = await engine.handle(turn(otherWindow, { type: 'user.text', text: 'Young people leave our village for lack of work.' }));

    expect(texts(late.messages)).toContain('You already answered this in another window');
    const learnerId = late.learnerId!;
    const log = await store.listAnswers(learnerId);
    expect(log.map((a) => [a.stepId, a.stepKind, a.answer])).toEqual([
      [questionId, 'question', 'Older people in the countryside are lonely.'],
      [questionId, NOT_APPLIED, 'Young people leave our village for lack of work.'],
    ]);
    // The step after the question is unchanged: the late text was not taken as its answer or as "Next".
    const context = ((await store.loadProgress(learnerId))!.conversation as { snapshot: { context: { position: { stepId: string } } } }).snapshot
      .context;
    expect(context.position.stepId).toBe(firstModule.lessons[0]!.steps[firstModule.lessons[0]!.steps.findIndex((s) => s.id === questionId) + 1]!.id);
    // Once told where they are, the second window answers the current step normally.
    const next = await engine.handle(turn(otherWindow, { type: 'user.choice', value: 'next' }));
    expect(texts(next.messages)).not.toContain('another window');
  });

  it('a button pressed in the window that is behind is recognised by the step it belongs to', async () => {
    const questionId = await bothAtFirstQuestion();
    await engine.handle(turn(web, { type: 'user.text', text: 'Older people in the countryside are lonely.' }));
    const stepBehind = `${firstModule.id}/${firstModule.lessons[0]!.id}/${questionId}`;

    const pressed = await engine.handle(turn(web, { type: 'user.choice', value: 'next', shownStep: stepBehind }));

    expect(texts(pressed.messages)).toContain('You already answered this in another window');
  });

  it('answers sent from both windows at the same moment are all in the log, five rounds over', async () => {
    await bothAtFirstQuestion();
    const learnerId = (await store.findLearner(web, 'demo'))!.id;
    const sent: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      // Both windows are shown the learner's next question, as two open pages are after their replies.
      for (let step = index.step(await positionOf(learnerId)); step?.kind !== 'question'; step = index.step(await positionOf(learnerId))) {
        await engine.handle(turn(web, answerTo(step)));
      }
      await engine.handle(turn(web, { type: 'session.started' }));
      await engine.handle(turn(otherWindow, { type: 'session.started' }));
      const a = `Round ${round}: the first window's answer about the people we serve.`;
      const b = `Round ${round}: the second window's answer about the people we serve.`;
      sent.push(a, b);
      await Promise.all([engine.handle(turn(web, { type: 'user.text', text: a })), engine.handle(turn(otherWindow, { type: 'user.text', text: b }))]);
    }
    const logged = await store.listAnswers(learnerId);
    for (const text of sent) expect(logged.map((a) => a.answer)).toContain(text);
    // In each round one answer was applied and the other kept as not applied, never filed under a later step.
    expect(logged.filter((a) => a.stepKind === NOT_APPLIED)).toHaveLength(5);
  });

  /** Moves past a step that is not a free-text question. */
  function answerTo(step: ReturnType<typeof index.step>): ConversationEvent {
    if (step?.kind === 'quiz' || step?.kind === 'choice') return { type: 'user.choice', value: step.options[0]!.id };
    if (step?.kind === 'scale') return { type: 'user.choice', value: '3' };
    if (step?.kind === 'sdg') return { type: 'user.text', text: '3' };
    if (step?.kind === 'number') return { type: 'user.text', text: '100' };
    return { type: 'user.choice', value: 'next' };
  }

  async function positionOf(learnerId: string) {
    const progress = await store.loadProgress(learnerId);
    return (progress!.conversation as { snapshot: { context: { position: { moduleId: string; lessonId: string; stepId: string } } } }).snapshot
      .context.position;
  }
});
