import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { WebChatRenderer } from '../../adapters/channels/webChatRenderer';
import { FileStore } from '../../adapters/storage/file/fileStore';
import { CoachService } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import type { Coach } from '../../bot/ports/coach';
import { ProgrammeBot } from '../../bot/programmeBot';
import { TurnEngine } from '../../bot/turnEngine';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { InboundActivity } from '../../bot/channel/activity';
import { testConversation } from '../support/channelTurns';
import { testOrganisationSetup } from '../support/testOrganisations';

const index = new ProgrammeIndex(loadCurriculumOrThrow());
const DEADLINE_MS = 1500;

/** A coach like a slow or stuck AI service: it answers after `delayMs`, or never, and ignores cancellation. */
class SlowCoach implements Coach {
  constructor(private readonly delayMs: number | 'never') {}
  feedback(): Promise<string> {
    if (this.delayMs === 'never') return new Promise(() => undefined);
    return new Promise((resolve) => setTimeout(() => resolve('Feedback from the slow coach.'), this.delayMs as number));
  }
}

describe('a slow coach', () => {
  let dataDir: string;
  let store: FileStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'slow-coach-'));
    store = await FileStore.open(dataDir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function learnerAtFirstQuestion(coach: Coach) {
    const logger = createLogger('silent');
    const setup = testOrganisationSetup();
    const engine = new TurnEngine({ store, ...setup, coach: new CoachService(coach, new OfflineCoach(), logger, DEADLINE_MS), logger });
    const renderer = new WebChatRenderer();
    const bot = new ProgrammeBot({
      engine,
      rendererFor: () => renderer,
      organisations: setup.organisations,
      organisationPolicy: { requireKnownTenant: false },
      logger,
    });
    const conversation = testConversation((turn) => bot.run(turn), { channel: 'test', userId: 'learner-1' });
    const send = (activity: Partial<InboundActivity>) => conversation.send({ locale: 'en-GB', ...activity });
    for (const activity of [
      { text: 'hi' },
      { value: { choice: 'en' } },
      { value: { choice: 'consent-yes' } },
      { text: 'Amina' },
      { text: 'Vätterhjul' },
      { text: 'We repair bikes.' },
      { value: { choice: 'share-yes' } },
      { value: { choice: `module:${index.modules[0]!.id}` } },
    ])
      await send(activity);
    for (const step of index.modules[0]!.lessons[0]!.steps) {
      if (step.kind === 'question') break;
      await send({ value: { choice: 'next' } });
    }
    return send;
  }

  it('shows a typing indicator first, then its feedback and the next step', async () => {
    const send = await learnerAtFirstQuestion(new SlowCoach(900));
    const replies = await send({ text: 'Older people in the countryside are lonely.' });
    expect(replies[0]!.type).toBe('typing');
    expect(replies.filter((a) => a.type === 'message').map((a) => a.text)).toContain('Feedback from the slow coach.');
  });

  it('is replaced by the offline coach at the deadline, so the turn still completes in time', async () => {
    const send = await learnerAtFirstQuestion(new SlowCoach('never'));
    // Without the deadline this turn would never finish and the test would time out.
    const replies = await send({ text: 'Older people in the countryside are lonely.' });
    const texts = replies.filter((a) => a.type === 'message').map((a) => a.text ?? '');
    expect(texts.some((t) => t.startsWith('Automatic feedback:'))).toBe(true);
    expect(replies[0]!.type).toBe('typing');
  });
});
