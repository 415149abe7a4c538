import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { loadCoachPrompts } from '../adapters/ai/coachPrompts';
import { OfflineCoach } from '../adapters/ai/offlineCoach';
import { OpenAiCoach } from '../adapters/ai/openAiCoach';
import { WebChatRenderer } from '../adapters/channels/webChatRenderer';
import { FileStore } from '../adapters/storage/file/fileStore';
import type { InboundActivity, OutboundActivity } from '../bot/channel/activity';
import type { ChannelTurn } from '../bot/channel/channelTurn';
import { CoachService } from '../bot/coachService';
import { createLogger } from '../bot/logger';
import { builtInOrganisationsDir, loadOrganisationsOrThrow } from '../bot/organisations/loadOrganisations';
import { organisationSetup } from '../bot/organisations/programmeSetup';
import type { Coach } from '../bot/ports/coach';
import { ProgrammeBot } from '../bot/programmeBot';
import { TurnEngine } from '../bot/turnEngine';
import { loadCurriculumOrThrow } from '../curriculum/loadCurriculum';
import { playModel, startOpenAiCompatibleServer } from '../scripts/openAiCompatibleServer';

/**
 * The AI coach's cost to a turn: learners walk onboarding and the first lesson through the whole bot (engine, file
 * store, renderer), with the coach off and with a local OpenAI-compatible model that answers after 0.5 s and after 3 s.
 * The committing turn (the learner's answer to a free-text question, acknowledged at once) must not wait for the model;
 * the feedback follows on its own.
 */
const LEARNERS = Number(process.env.BENCH_COACH_LEARNERS ?? 16);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ORGANISATION = 'demo';
const FEEDBACK_LABEL = /\*\*(AI feedback|Automatic feedback):\*\*/;

const curriculum = loadCurriculumOrThrow();
const lesson = curriculum.modules[0]!.lessons[0]!;

interface Figures {
  /** Every turn the learners took, in milliseconds until the bot had sent its replies. */
  readonly turns: number[];
  /** The turns that answered a free-text question: committed and acknowledged. */
  readonly answers: number[];
  /** From sending such an answer until its feedback was in the conversation. */
  readonly feedback: number[];
}

/** One learner's conversation: every activity the bot sends lands here, during a turn or after it. */
class BenchConversation {
  private counter = 0;
  private waiting: { match: RegExp; resolve: () => void } | undefined;

  constructor(
    private readonly bot: ProgrammeBot,
    readonly userId: string,
  ) {}

  async send(activity: Partial<InboundActivity>): Promise<number> {
    this.counter += 1;
    const turn: ChannelTurn = {
      activity: {
        type: 'message',
        id: `${this.userId}-${this.counter}`,
        channelId: 'directline',
        from: { id: this.userId },
        recipient: { id: 'bot' },
        conversation: { id: `c-${this.userId}` },
        locale: 'en-GB',
        ...activity,
      },
      identity: { channel: 'webchat', userId: this.userId },
      organisationId: ORGANISATION,
      conversationReference: {},
      send: async (activities) => this.received(activities),
    };
    const started = performance.now();
    await this.bot.run(turn);
    return performance.now() - started;
  }

  /** Resolves when a message matching `match` arrives (call before the turn that causes it). */
  expect(match: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.waiting = { match, resolve };
    });
  }

  private received(activities: readonly OutboundActivity[]): void {
    const waiting = this.waiting;
    if (waiting && activities.some((a) => a.type === 'message' && waiting.match.test(a.text ?? ''))) {
      this.waiting = undefined;
      waiting.resolve();
    }
  }
}

/** Onboarding and the first lesson, answering each step as a learner would; `learner` makes every answer their own. */
async function walk(conversation: BenchConversation, learner: number, aiCoach: boolean, figures: Figures): Promise<void> {
  const turn = async (activity: Partial<InboundActivity>) => figures.turns.push(await conversation.send(activity));
  for (const activity of [
    { text: 'hi' },
    { value: { choice: 'en' } },
    { value: { choice: 'consent-yes' } },
    { text: 'Amina' },
    { text: `Bike workshop ${learner}` },
    { text: 'We repair bikes with young people.' },
    { value: { choice: 'share-yes' } },
    { value: { choice: `module:${curriculum.modules[0]!.id}` } },
  ])
    await turn(activity);
  for (const step of lesson.steps) {
    if (step.kind === 'summary') break;
    if (step.kind === 'quiz') await turn({ value: { choice: step.options.find((o) => o.correct)!.id } });
    else if (step.kind !== 'question') await turn({ value: { choice: 'next' } });
    else {
      const started = performance.now();
      const feedback = conversation.expect(FEEDBACK_LABEL);
      const answered = await conversation.send({
        text: `Older people in village number ${learner} are lonely, since the bus line and the shop closed, and it grows every year.`,
      });
      figures.turns.push(answered);
      figures.answers.push(answered);
      await feedback;
      figures.feedback.push(performance.now() - started);
      // The AI feedback may be answered once; "ok" goes on.
      if (aiCoach) await turn({ text: 'ok' });
    }
  }
}

async function run(name: string | null, coach: Coach | null, learners = LEARNERS): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-coach-'));
  const store = await FileStore.open(dir);
  const logger = createLogger('silent');
  const offline = new OfflineCoach();
  const organisationList = loadOrganisationsOrThrow(builtInOrganisationsDir()).map((o) =>
    o.id === ORGANISATION ? { ...o, ai: { enabled: true } } : o,
  );
  const { organisations, programmes } = organisationSetup(curriculum, organisationList, ORGANISATION, coach ? 'a local model' : undefined);
  const service = new CoachService(coach ?? offline, offline, logger, { aiEnabledFor: (id) => programmes.usesAi(id) });
  const engine = new TurnEngine({ store, programmes, organisations, coach: service, logger });
  const renderer = new WebChatRenderer();
  const bot = new ProgrammeBot({ engine, rendererFor: () => renderer, organisations, organisationPolicy: { requireKnownTenant: false }, logger });
  const figures: Figures = { turns: [], answers: [], feedback: [] };
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let learner = next++; learner < learners; learner = next++)
      await walk(new BenchConversation(bot, `wl_coach_${learner}`), learner, coach !== null, figures);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  await bot.settled();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  if (name === null) return figures;
  process.stdout.write(
    `  ${name.padEnd(15)} ${figures.turns.length} turns in ${seconds.toFixed(1)} s; all turns p50 ${quantile(figures.turns, 0.5)} / p99 ${quantile(figures.turns, 0.99)} ms; ` +
      `answer acknowledged p50 ${quantile(figures.answers, 0.5)} / p99 ${quantile(figures.answers, 0.99)} ms; ` +
      `feedback in p50 ${quantile(figures.feedback, 0.5)} / p99 ${quantile(figures.feedback, 0.99)} ms\n`,
  );
  return figures;
}

function quantile(values: readonly number[], q: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(1);
}

/** The coach line: the coach off, then the local model at 0.5 s and at 3 s. */
export async function benchCoach(): Promise<void> {
  const questions = lesson.steps.filter((s) => s.kind === 'question').length;
  process.stdout.write(`coach: ${LEARNERS} learners, ${CONCURRENCY} at a time, onboarding + "${lesson.id}" (${questions} free-text answers each)\n`);
  await run(null, null, CONCURRENCY); // warm-up, not counted
  await run('coach off', null);
  for (const delayMs of [500, 3000]) {
    const model = await startOpenAiCompatibleServer((request, attempt) => {
      const behaviour = playModel(request, attempt);
      return behaviour.kind === 'answer' ? { ...behaviour, delayMs } : behaviour;
    });
    const client = new OpenAI({ apiKey: 'bench', baseURL: model.baseUrl, maxRetries: 0 });
    await run(`model at ${delayMs / 1000} s`, new OpenAiCoach({ client, model: 'local-bench-model', prompts: loadCoachPrompts() }));
    await model.close();
  }
}
