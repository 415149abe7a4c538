import { randomUUID } from 'node:crypto';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { MongoStore } from '../../adapters/storage/mongo/mongoStore';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import { TurnEngine } from '../../bot/turnEngine';
import type { ConversationEvent } from '../../dialogs/events';
import { describeWithJongodb, startJongodb, type Jongodb } from '../support/jongodb';
import { testOrganisationSetup } from '../support/testOrganisations';

const index = new ProgrammeIndex(loadCurriculumOrThrow());

describeWithJongodb('database round trips per turn on MongoDB', () => {
  let database: Jongodb;
  let store: MongoStore;
  let commands: string[] = [];
  let engine: TurnEngine;

  beforeAll(async () => {
    database = await startJongodb();
    store = await MongoStore.open({ uri: database.uriFor(`rt_${randomUUID().replace(/-/g, '')}`), onCommand: (name) => commands.push(name) });
    const coach = new OfflineCoach();
    const logger = createLogger('silent');
    engine = new TurnEngine({ store, ...testOrganisationSetup(), coach: new CoachService(coach, coach, logger), logger });
  });
  afterAll(async () => {
    await store.close();
    await database.stop();
  });

  let sequence = 0;
  async function commandsFor(event: ConversationEvent): Promise<string[]> {
    commands = [];
    await engine.handle({
      identity: { channel: 'webchat', userId: 'wl_roundtrips' },
      organisationId: 'default',
      activityId: `a${++sequence}`,
      event,
    });
    await engine.idle(); // the answer-log append that follows the reply
    return commands.filter((name) => !['hello', 'ismaster', 'ping', 'endSessions', 'createIndexes', 'create'].includes(name));
  }

  it('reads the learner and the progress once, writes the progress once, and appends the answer once', async () => {
    for (const event of [
      { type: 'session.started' },
      { type: 'user.choice', value: 'en' },
      { type: 'user.choice', value: 'consent-yes' },
      { type: 'user.text', text: 'Amina' },
      { type: 'user.text', text: 'Vätterhjul' },
      { type: 'user.text', text: 'We repair bikes.' },
      { type: 'user.choice', value: 'share-yes' },
      { type: 'user.pickModule', moduleId: index.modules[0]!.id },
    ] as ConversationEvent[])
      await commandsFor(event);

    const lesson = index.modules[0]!.lessons[0]!;
    let teachingTurn: string[] = [];
    for (const step of lesson.steps) {
      if (step.kind === 'question') break;
      teachingTurn = await commandsFor({ type: 'user.choice', value: 'next' });
    }
    expect(teachingTurn).toEqual(['aggregate', 'find', 'update']);
    const answerTurn = await commandsFor({ type: 'user.text', text: 'Loneliness among older people in the countryside.' });
    expect(answerTurn).toEqual(['aggregate', 'find', 'update', 'insert']);
  });
});
