import { randomUUID } from 'node:crypto';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import { type Store, StoreUnavailableError } from '../../bot/ports/store';
import type { AnswerRecord, Identity } from '../../bot/records';
import { TurnEngine } from '../../bot/turnEngine';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { ConversationEvent } from '../../dialogs/events';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { jongodbUnavailable } from '../support/jongodb';
import { fileStoreFactory, mongoStoreFactory, type StoreFactory } from '../support/storeFactories';
import { testOrganisationSetup } from '../support/testOrganisations';

const index = new ProgrammeIndex(loadCurriculumOrThrow());
const lesson = index.modules[0]!.lessons[0]!;
const ANSWER = 'Loneliness among older people in the countryside.';

/** Onboarding and the first lesson up to its first question. */
function toFirstQuestion(): ConversationEvent[] {
  const events: ConversationEvent[] = [
    { type: 'session.started' },
    { type: 'user.choice', value: 'en' },
    { type: 'user.choice', value: 'consent-yes' },
    { type: 'user.text', text: 'Amina' },
    { type: 'user.text', text: 'Vätterhjul' },
    { type: 'user.text', text: 'We repair bikes.' },
    { type: 'user.choice', value: 'share-yes' },
    { type: 'user.pickModule', moduleId: index.modules[0]!.id },
  ];
  for (const step of lesson.steps) {
    if (step.kind === 'question') break;
    events.push({ type: 'user.choice', value: 'next' });
  }
  return events;
}

/** The store with faults injected by the test, and a count of the records that reached the answer log. */
function faulty(inner: Store) {
  const faults = { failAppends: 0, acknowledgementsToLose: 0 };
  const recorded: AnswerRecord[] = [];
  const store: Store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'appendAnswer') {
        return async (record: AnswerRecord) => {
          if (faults.failAppends > 0) {
            faults.failAppends -= 1;
            throw new StoreUnavailableError('the connection was lost');
          }
          const result = await target.appendAnswer(record);
          if (result === 'recorded') recorded.push(record);
          return result;
        };
      }
      if (property === 'saveProgress') {
        return async (...args: Parameters<Store['saveProgress']>) => {
          const result = await target.saveProgress(...args);
          if (result === 'saved' && faults.acknowledgementsToLose > 0) {
            // As a driver's retry of a write that was applied but whose answer never arrived: the version has moved on.
            faults.acknowledgementsToLose -= 1;
            return 'conflict';
          }
          return result;
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { store, faults, recorded };
}

function engineOn(store: Store): TurnEngine {
  const coach = new OfflineCoach();
  const logger = createLogger('silent');
  return new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
}

const factories: [string, () => StoreFactory][] = [['file store', fileStoreFactory]];
if (!jongodbUnavailable) factories.push(['MongoDB store (test server)', mongoStoreFactory]);

describe.each(factories)('every acknowledged answer reaches the answer log, on the %s', (_name, makeFactory) => {
  let factory: StoreFactory;
  beforeEach(() => {
    factory = makeFactory();
  });
  afterEach(async () => factory.dispose());

  async function learnerAtFirstQuestion(store: Store): Promise<{ identity: Identity; learnerId: string }> {
    const identity: Identity = { channel: 'webchat', userId: `wl_${randomUUID()}` };
    const engine = engineOn(store);
    let learnerId = '';
    for (const event of toFirstQuestion()) {
      learnerId = (await engine.handle({ identity, organisationId: 'demo', activityId: randomUUID(), event })).learnerId ?? learnerId;
    }
    return { identity, learnerId };
  }

  test('an answer committed but never appended (the append failed after the commit) is listed at once and logged by the next turn', async () => {
    const { store, faults, recorded } = faulty(await factory.open());
    const { identity, learnerId } = await learnerAtFirstQuestion(store);

    faults.failAppends = 1;
    const answered = await engineOn(store).handle({
      identity,
      organisationId: 'demo',
      activityId: 'the-answer',
      event: { type: 'user.text', text: ANSWER },
    });
    expect(answered.duplicate).toBe(false);
    expect(answered.messages.length).toBeGreaterThan(0); // acknowledged: the learner moved on
    expect(recorded.map((record) => record.activityId)).not.toContain('the-answer');

    // A new engine, as after a restart: the next turn logs what the previous one committed, before replacing it.
    await engineOn(store).handle({ identity, organisationId: 'demo', activityId: randomUUID(), event: { type: 'user.choice', value: 'next' } });
    expect(recorded.filter((record) => record.activityId === 'the-answer')).toHaveLength(1);
    expect((await store.listAnswers(learnerId)).filter((answer) => answer.activityId === 'the-answer')).toEqual([
      expect.objectContaining({ answer: ANSWER, stepId: expect.any(String) }),
    ]);
  });

  test('a read of the answers lists (and logs) an answer whose append never happened, even before the next turn', async () => {
    const { store, faults, recorded } = faulty(await factory.open());
    const { identity, learnerId } = await learnerAtFirstQuestion(store);
    faults.failAppends = 1;
    await engineOn(store).handle({ identity, organisationId: 'demo', activityId: 'the-answer', event: { type: 'user.text', text: ANSWER } });

    expect((await store.listAnswers(learnerId)).map((answer) => answer.activityId)).toContain('the-answer');
    expect((await store.exportLearner(learnerId))?.answers.map((answer) => answer.activityId)).toContain('the-answer');
    expect(recorded.map((record) => record.activityId)).not.toContain('the-answer'); // repaired inside the store
    const again = await store.listAnswers(learnerId);
    expect(again.filter((answer) => answer.activityId === 'the-answer')).toHaveLength(1);
  });

  test('a commit whose acknowledgement was lost gets the reply and its answer logged, not treated as a duplicate', async () => {
    const { store, faults, recorded } = faulty(await factory.open());
    const { identity } = await learnerAtFirstQuestion(store);

    faults.acknowledgementsToLose = 1;
    const answered = await engineOn(store).handle({
      identity,
      organisationId: 'demo',
      activityId: 'the-answer',
      event: { type: 'user.text', text: ANSWER },
    });
    expect(answered.duplicate).toBe(false);
    expect(answered.messages.length).toBeGreaterThan(0);
    expect(recorded.filter((record) => record.activityId === 'the-answer')).toHaveLength(1);

    // The channel redelivering the same activity later is a duplicate, and logs nothing twice.
    const redelivered = await engineOn(store).handle({
      identity,
      organisationId: 'demo',
      activityId: 'the-answer',
      event: { type: 'user.text', text: ANSWER },
    });
    expect(redelivered.duplicate).toBe(true);
    expect(recorded.filter((record) => record.activityId === 'the-answer')).toHaveLength(1);
  });
});
