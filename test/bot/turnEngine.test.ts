import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/ports/store';
import type { Identity } from '../../bot/records';
import { TurnEngine, type TurnRequest } from '../../bot/turnEngine';
import type { ConversationEvent } from '../../dialogs/events';
import { jongodbUnavailable } from '../support/jongodb';
import { fileStoreFactory, mongoStoreFactory, type StoreFactory } from '../support/storeFactories';
import { testOrganisationSetup } from '../support/testOrganisations';

const index = new ProgrammeIndex(loadCurriculumOrThrow());
const logger = createLogger('silent');

function engineOn(store: Store): TurnEngine {
  const coach = new OfflineCoach();
  return new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
}

const phone: Identity = { channel: 'webchat', userId: 'wl_phone' };
const laptop: Identity = { channel: 'msteams', userId: 'aad-object-id', tenantId: 'tenant' };

let sequence = 0;
function turn(identity: Identity, event: ConversationEvent, activityId = `activity-${++sequence}`): TurnRequest {
  return { identity, organisationId: 'default', activityId, event };
}

/** Onboards a learner on the phone and puts them in the first lesson of the first module. */
async function learnerInLesson(engine: TurnEngine): Promise<void> {
  const steps: ConversationEvent[] = [
    { type: 'session.started' },
    { type: 'user.choice', value: 'en' },
    { type: 'user.choice', value: 'consent-yes' },
    { type: 'user.text', text: 'Amina' },
    { type: 'user.text', text: 'Vätterhjul' },
    { type: 'user.text', text: 'We repair bicycles.' },
    { type: 'user.choice', value: 'share-yes' },
    { type: 'user.pickModule', moduleId: index.modules[0]!.id },
  ];
  for (const event of steps) await engine.handle(turn(phone, event));
}

describe.each<[string, () => StoreFactory]>([
  ['file store', fileStoreFactory],
  ...(jongodbUnavailable ? [] : [['MongoDB store', mongoStoreFactory] as [string, () => StoreFactory]]),
])('the turn engine on the %s', (_name, makeFactory) => {
  let factory: StoreFactory;
  let store: Store;
  let engine: TurnEngine;
  beforeAll(() => {
    factory = makeFactory();
  });
  beforeEach(async () => {
    store = await factory.open();
    engine = engineOn(store);
  });
  afterAll(async () => factory.dispose());

  it('applies an activity delivered repeatedly only once', async () => {
    await learnerInLesson(engine);
    const learner = await store.resolveLearner(phone, 'default');
    const before = await store.loadProgress(learner.id);
    const redelivered = turn(phone, { type: 'user.choice', value: 'next' }, 'teams-retry-1');

    const results = [];
    for (let i = 0; i < 5; i++) results.push(await engine.handle(redelivered));

    expect(results.map((r) => r.duplicate)).toEqual([false, true, true, true, true]);
    expect(results.slice(1).every((r) => r.messages.length === 0)).toBe(true);
    const after = await store.loadProgress(learner.id);
    expect(after!.version).toBe(before!.version + 1);
  });

  it('records an answer once however often its activity arrives, even concurrently', async () => {
    await learnerInLesson(engine);
    const learner = await store.resolveLearner(phone, 'default');
    const lesson = index.modules[0]!.lessons[0]!;
    for (const step of lesson.steps) {
      if (step.kind === 'question') break;
      await engine.handle(turn(phone, { type: 'user.choice', value: 'next' }));
    }
    const answer = turn(phone, { type: 'user.text', text: 'Loneliness among older people in the countryside.' }, 'answer-1');
    await Promise.all(Array.from({ length: 6 }, () => engine.handle(answer)));

    const answers = (await store.listAnswers(learner.id)).filter((a) => a.activityId === 'answer-1');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.feedback).toMatch(/^A simple automatic check/);
  });

  it('loses nothing when one learner answers from two devices at once', async () => {
    await learnerInLesson(engine);
    const learner = await store.resolveLearner(phone, 'default');
    await store.linkIdentity(learner.id, laptop);
    const before = await store.loadProgress(learner.id);

    const events = Array.from({ length: 24 }, (_, i) =>
      turn(
        i % 2 === 0 ? phone : laptop,
        i % 3 === 0
          ? { type: 'user.choice', value: 'next' }
          : { type: 'user.text', text: `Answer number ${i} about our venture and the people we serve.` },
      ),
    );
    const results = await Promise.all(events.map((request) => engine.handle(request)));

    expect(results.every((r) => !r.duplicate && r.learnerId === learner.id)).toBe(true);
    const after = await store.loadProgress(learner.id);
    expect(after!.version).toBe(before!.version + events.length);
    expect(after!.recentActivityIds).toEqual(expect.arrayContaining(events.map((e) => e.activityId)));

    // Every answer the conversation accepted is in the log, and the latest one per step is what the conversation holds.
    const logged = (await store.listAnswers(learner.id)).filter((a) => events.some((e) => e.activityId === a.activityId));
    const context = (after!.conversation as { snapshot: { context: { answers: Record<string, { text?: string }> } } }).snapshot.context;
    for (const [key, held] of Object.entries(context.answers)) {
      const [, , stepId] = key.split('/');
      const forStep = logged.filter((a) => a.stepId === stepId);
      if (forStep.length > 0 && held.text !== undefined) expect(forStep.map((a) => a.answer)).toContain(held.text);
    }
    expect(new Set(logged.map((a) => a.activityId)).size).toBe(logged.length);
  });

  it('exports everything about the learner and deletes it all on confirmation', async () => {
    await learnerInLesson(engine);
    const exported = await engine.handle(turn(phone, { type: 'user.command', command: 'exportData' }));
    const file = exported.messages.find((m) => m.kind === 'export');
    expect(file).toBeDefined();
    expect(JSON.parse((file as { json: string }).json)).toMatchObject({ stored: { learner: { displayName: 'Amina', ventureName: 'Vätterhjul' } } });

    const learner = await store.resolveLearner(phone, 'default');
    await engine.handle(turn(phone, { type: 'user.command', command: 'deleteData' }));
    const deleted = await engine.handle(turn(phone, { type: 'user.choice', value: 'delete-yes' }));
    expect(deleted.messages).toContainEqual({ kind: 'text', text: expect.stringContaining('has been deleted') });
    expect(await store.getLearner(learner.id)).toBeNull();
    expect(await store.loadProgress(learner.id)).toBeNull();
    expect(await store.listAnswers(learner.id)).toEqual([]);

    const again = await engine.handle(turn(phone, { type: 'session.started' }));
    expect(again.learnerId).not.toBe(learner.id);
  });

  it('links a second channel with a one-time code, and the learner continues there at the same step', async () => {
    await learnerInLesson(engine);
    const owner = await store.resolveLearner(phone, 'default');
    const asked = await engine.handle(turn(phone, { type: 'user.command', command: 'link' }));
    const shown = asked.messages.map((m) => ('text' in m ? m.text : '')).join('\n');
    const code = /\*\*([A-Z2-9]{4}-[A-Z2-9]{4})\*\*/.exec(shown)?.[1];
    expect(code).toBeDefined();

    await engine.handle(turn(laptop, { type: 'session.started' }));
    const linked = await engine.handle(turn(laptop, { type: 'user.text', text: code!.toLowerCase().replace('-', ' ') }));
    expect(linked.learnerId).toBe(owner.id);
    expect(linked.messages[0]).toEqual({ kind: 'text', text: 'Done! This chat is now linked to your account, Amina.' });
    expect(linked.messages.some((m) => 'text' in m && m.text.includes('Welcome back, Amina!'))).toBe(true);
    expect((await store.resolveLearner(laptop, 'default')).id).toBe(owner.id);

    const third: Identity = { channel: 'webchat', userId: `wl_third_${sequence}` };
    const again = await engine.handle(turn(third, { type: 'user.text', text: code! }));
    expect(again.messages).toEqual([{ kind: 'text', text: expect.stringContaining('Den koden känner jag inte igen') }]);
  });

  it('refuses wrong codes, then blocks guessing, and never links a channel that has its own progress', async () => {
    await learnerInLesson(engine);
    const stranger: Identity = { channel: 'webchat', userId: `wl_guesser_${sequence}` };
    await engine.handle(turn(stranger, { type: 'session.started' }));
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push(await engine.handle(turn(stranger, { type: 'user.text', text: `ABCD-EF${i + 2}${i + 3}` })));
    expect(
      guesses
        .slice(0, 5)
        .every((g) => g.messages[0] && 'text' in g.messages[0] && /recognise that code|känner jag inte igen/.test(g.messages[0].text)),
    ).toBe(true);
    expect(guesses[5]!.messages[0]).toEqual({ kind: 'text', text: expect.stringMatching(/Too many wrong codes|För många felaktiga koder/) });

    const asked = await engine.handle(turn(phone, { type: 'user.command', command: 'link' }));
    const code = /\*\*([A-Z2-9]{4}-[A-Z2-9]{4})\*\*/.exec(asked.messages.map((m) => ('text' in m ? m.text : '')).join(''))![1]!;
    const other: Identity = { channel: 'msteams', userId: `other-${sequence}`, tenantId: 'tenant' };
    for (const event of [
      { type: 'session.started' },
      { type: 'user.choice', value: 'sv' },
      { type: 'user.choice', value: 'consent-yes' },
      { type: 'user.text', text: 'Kim' },
      { type: 'user.text', text: 'Annat AB' },
      { type: 'user.text', text: 'Vi gör annat.' },
      { type: 'user.choice', value: 'share-yes' },
    ] as ConversationEvent[]) {
      await engine.handle(turn(other, event));
    }
    const refused = await engine.handle(turn(other, { type: 'user.text', text: code }));
    expect(refused.messages).toEqual([{ kind: 'text', text: expect.stringContaining('redan egna framsteg') }]);
    expect((await store.resolveLearner(other, 'default')).displayName).toBe('Kim');
  });
});
