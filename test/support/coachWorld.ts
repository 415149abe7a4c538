import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { InMemoryCoachUsage } from '../../adapters/ai/inMemoryCoachUsage';
import { loadCoachPrompts } from '../../adapters/ai/coachPrompts';
import { OfflineCoach } from '../../adapters/ai/offlineCoach';
import { OpenAiCoach } from '../../adapters/ai/openAiCoach';
import { WebChatRenderer } from '../../adapters/channels/webChatRenderer';
import { FileStore } from '../../adapters/storage/file/fileStore';
import type { InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import { CoachService, type CoachServiceOptions } from '../../bot/coachService';
import { createLogger } from '../../bot/logger';
import type { Coach } from '../../bot/ports/coach';
import { ProgrammeBot } from '../../bot/programmeBot';
import type { AnswerRecord, Identity } from '../../bot/records';
import { TurnEngine } from '../../bot/turnEngine';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Locale } from '../../curriculum/schema';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import { testConversation, type TestConversation } from './channelTurns';
import { testOrganisation, testOrganisationSetup } from './testOrganisations';

export const AI_ORGANISATION = 'coop-ai';
export const LEARNER_NAME = 'Amina';
export const VENTURE = 'Vätterhjul';

const index = new ProgrammeIndex(loadCurriculumOrThrow());

/** The OpenAI coach on the real SDK, pointed at a local compatible server (no retries unless asked, so tests are quick). */
export function openAiCoachAt(baseUrl: string, options: { maxRetries?: number } = {}): Coach {
  const client = new OpenAI({ apiKey: 'test-key', baseURL: baseUrl, maxRetries: options.maxRetries ?? 0 });
  return new OpenAiCoach({ client, model: 'local-test-model', prompts: loadCoachPrompts() });
}

export interface CoachWorld {
  readonly store: FileStore;
  readonly bot: ProgrammeBot;
  readonly usage: InMemoryCoachUsage;
  readonly conversation: TestConversation;
  readonly identity: Identity;
  /** Sends an activity (in the learner's language) and waits until every coach reply it caused has been delivered. */
  send(activity: Partial<InboundActivity>): Promise<OutboundActivity[]>;
  /** Goes through onboarding and the first lesson's teaching steps: the next message answers its first question. */
  reachFirstQuestion(): Promise<void>;
  /** Message texts the learner saw after `from` (an index into the transcript). */
  textsSince(from: number): string[];
  answers(): Promise<AnswerRecord[]>;
  dispose(): Promise<void>;
}

/** A learner of an organisation that uses the AI coach, talking to the whole bot (engine, file store, renderer). */
export async function startCoachWorld(
  coach: Coach,
  options: CoachServiceOptions & { readonly locale?: Locale; readonly aiEnabled?: boolean } = {},
): Promise<CoachWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'coach-world-'));
  const store = await FileStore.open(dataDir);
  const logger = createLogger('silent');
  const setup = testOrganisationSetup(undefined, [testOrganisation(AI_ORGANISATION, { ai: { enabled: options.aiEnabled ?? true } })], 'Test AI');
  const usage = new InMemoryCoachUsage();
  const service = new CoachService(coach, new OfflineCoach(), logger, {
    deadlineMs: 5000,
    aiEnabledFor: (organisationId) => setup.programmes.usesAi(organisationId),
    usage,
    ...options,
  });
  const engine = new TurnEngine({ store, ...setup, coach: service, logger });
  const renderer = new WebChatRenderer();
  const bot = new ProgrammeBot({
    engine,
    rendererFor: () => renderer,
    organisations: setup.organisations,
    organisationPolicy: { requireKnownTenant: false },
    logger,
  });
  const identity: Identity = { channel: 'test', userId: 'learner-1' };
  const conversation = testConversation((turn) => bot.run(turn), identity, 'test', { organisationId: AI_ORGANISATION });
  const locale = options.locale ?? 'en';
  const send = async (activity: Partial<InboundActivity>) => {
    const replies = await conversation.send({ locale: locale === 'en' ? 'en-GB' : 'sv-SE', ...activity });
    await bot.settled();
    return replies;
  };
  return {
    store,
    bot,
    usage,
    conversation,
    identity,
    send,
    async reachFirstQuestion() {
      for (const activity of [
        { text: 'hi' },
        { value: { choice: locale } },
        { value: { choice: 'consent-yes' } },
        { text: LEARNER_NAME },
        { text: VENTURE },
        { text: locale === 'en' ? 'We repair bikes with young people.' : 'Vi lagar cyklar med unga.' },
        { value: { choice: 'share-yes' } },
        { value: { choice: `module:${index.modules[0]!.id}` } },
      ])
        await send(activity);
      for (const step of index.modules[0]!.lessons[0]!.steps) {
        if (step.kind === 'question') break;
        await send({ value: { choice: 'next' } });
      }
    },
    textsSince(from) {
      return conversation.transcript.slice(from).flatMap((a) => (a.type === 'message' && a.text ? [a.text] : []));
    },
    async answers() {
      const learner = await store.findLearner(identity, AI_ORGANISATION);
      return learner ? store.listAnswers(learner.id) : [];
    },
    async dispose() {
      await bot.settled();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const firstLesson = index.modules[0]!.lessons[0]!;
/** The first question step of the first lesson (where `reachFirstQuestion` leaves the learner). */
export const firstQuestion = firstLesson.steps.find((s) => s.kind === 'question')!;
