import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import type { Identity } from '../../bot/records';
import { TurnEngine, type TurnRequest } from '../../bot/turnEngine';
import type { ConversationEvent } from '../../dialogs/events';
import { storedFiles } from '../support/storedFiles';
import { loggedChanges } from '../../adapters/storage/file/writeAheadLog';
import { fileStoreFactory, type StoreFactory } from '../support/storeFactories';
import { testOrganisationSetup } from '../support/testOrganisations';
import type { FileStore } from '../../adapters/storage/file/fileStore';

const logger = createLogger('silent');
let sequence = 0;
const turn = (identity: Identity, event: ConversationEvent): TurnRequest => ({
  identity,
  organisationId: 'demo',
  activityId: `m-${++sequence}`,
  event,
});

describe('what a turn sends and keeps', () => {
  let factory: StoreFactory;
  let engine: TurnEngine;
  let store: FileStore;
  beforeEach(async () => {
    factory = fileStoreFactory();
    store = (await factory.open()) as FileStore;
    const coach = new OfflineCoach();
    engine = new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
  });
  afterEach(async () => factory.dispose());

  it('a learner who declines consent leaves nothing behind, not even the language they chose', async () => {
    const visitor: Identity = { channel: 'webchat', userId: 'wl_declines' };
    const filesBefore = await storedFiles(store.dataDir);
    await engine.handle(turn(visitor, { type: 'user.choice', value: 'en' }));
    const declined = await engine.handle(turn(visitor, { type: 'user.choice', value: 'consent-no' }));

    expect(declined.messages.map((m) => ('text' in m ? m.text : '')).join('\n')).toMatch(/Then I store nothing about you/);
    expect(await store.findLearner(visitor, 'demo')).toBeNull();
    expect(await storedFiles(store.dataDir)).toEqual(filesBefore);
    // Nor in the write-ahead log: the learner's documents left it when they were deleted.
    expect(await loggedChanges(store.dataDir)).toEqual(new Map());
  });

  it('the advisor contact asked for in a lesson comes before the step shown again, so its buttons stay last', async () => {
    const learner: Identity = { channel: 'webchat', userId: 'wl_asks_advisor' };
    for (const event of [
      { type: 'user.choice', value: 'en' },
      { type: 'user.choice', value: 'consent-yes' },
      { type: 'user.text', text: 'Amina' },
      { type: 'user.text', text: 'Vätterhjul' },
      { type: 'user.text', text: 'We repair bicycles.' },
      { type: 'user.choice', value: 'share-yes' },
      { type: 'user.pickModule', moduleId: 'challenge-to-idea' },
    ] as ConversationEvent[])
      await engine.handle(turn(learner, event));

    const asked = await engine.handle(turn(learner, { type: 'user.command', command: 'advisor', text: 'talk to an advisor' }));

    expect(asked.messages[0]).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^This is how to reach an advisor at Social enterprise – demo/),
    });
    expect(asked.messages[asked.messages.length - 1]).toMatchObject({ kind: 'choices', choices: [expect.objectContaining({ value: 'next' })] });
  });
});
