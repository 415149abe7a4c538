import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Snapshot } from 'xstate';
import { say, type CatalogueKey } from '../dialogs/catalogue';
import type { ConversationContext } from '../dialogs/conversationContext';
import { runConversationTurn, type TurnOutcome } from '../dialogs/conversationTurn';
import { localeOf } from '../dialogs/eventInput';
import type { ConversationEvent } from '../dialogs/events';
import type { CoachAsk, OutgoingMessage } from '../dialogs/outgoing';
import type { ProgrammeIndex } from '../dialogs/programmeIndex';
import { coachRequestFor } from './coach/coachRequests';
import { LessonSearch } from './coach/lessonSearch';
import type { Logger } from './logger';
import type { Organisation } from './organisations/organisation';
import type { Programme } from './organisations/organisationProgrammes';
import type { Coach, CoachReply, CoachRequest } from './ports/coach';
import type { CoachUsageCounter } from './ports/coachUsage';

export interface CoachServiceOptions {
  /** How long the AI service may take (COACH_TIMEOUT_MS); then the offline coach answers and the late answer is dropped. */
  readonly deadlineMs?: number;
  /** Whether an organisation's learners get the AI coach (its `ai.enabled`, with a service configured). Default: none. */
  readonly aiEnabledFor?: (organisationId: string) => boolean;
  /** AI calls one learner may cause within the window; beyond it the offline coach answers for them. */
  readonly callsPerLearner?: { readonly limit: number; readonly windowMs: number };
  /** How long an identical request reuses the AI's earlier reply. */
  readonly cacheTtlMs?: number;
  readonly usage?: CoachUsageCounter;
  readonly now?: () => number;
}

/** A request for the AI service, made after the learner's turn has been committed and acknowledged. */
export interface CoachJob {
  readonly ask: CoachAsk;
  /** The AI's reply within the deadline, else the offline coach's. Never rejects. */
  run(): Promise<CoachReply>;
}

/** A turn's outcome with the coach's immediate replies applied, and the requests left for the AI service. */
export interface CoachedOutcome {
  readonly outcome: TurnOutcome;
  /** Keyed by the position of the `coach.requested` event in `outcome.emitted`. */
  readonly deferred: ReadonlyMap<number, CoachJob>;
}

/** Where a turn's coach requests come from. */
export interface CoachTurn {
  readonly programme: Programme;
  readonly organisation: Organisation;
  readonly learnerId: string;
  readonly logger?: Logger;
}

const PENDING: Record<CoachAsk['kind'], CatalogueKey> = {
  feedback: 'coachFeedbackPending',
  followUp: 'coachFollowUpPending',
  question: 'coachQuestionPending',
};

/**
 * Answers the conversation's coach requests. The offline coach answers at once, inside the turn (it does no I/O); a
 * request for the AI service is left as a job that runs after the turn has committed, with a deadline, falling back to
 * the offline coach when the service fails, is too slow, or the learner has asked too often. Identical requests within
 * a short time reuse the earlier reply.
 */
export class CoachService {
  private readonly deadlineMs: number;
  private readonly searches = new WeakMap<ProgrammeIndex, LessonSearch>();
  private readonly cache: LRUCache<string, CoachReply>;
  private readonly inFlight = new Map<string, Promise<CoachReply>>();
  private readonly calls: LRUCache<string, { count: number }>;

  constructor(
    private readonly primary: Coach,
    private readonly fallback: Coach,
    private readonly logger: Logger,
    private readonly options: CoachServiceOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? 8000;
    const perfNow = options.now ? { perf: { now: options.now } } : {};
    this.cache = new LRUCache({ max: 2000, ttl: options.cacheTtlMs ?? 10 * 60_000, ...perfNow });
    this.calls = new LRUCache({ max: 50_000, ttl: options.callsPerLearner?.windowMs ?? 60 * 60_000, ttlAutopurge: false, ...perfNow });
  }

  /** The message shown instead of a reply that the AI service is still writing. */
  pendingMessage(ask: CoachAsk, context: ConversationContext): OutgoingMessage {
    return { kind: 'text', text: say(localeOf(context), PENDING[ask.kind]) };
  }

  /**
   * Answers what can be answered now (offline, cached, or over the learner's limit) by sending the replies into the
   * conversation, and leaves the rest as jobs. Pure CPU: no network call happens here.
   */
  async settle(outcome: TurnOutcome, turn: CoachTurn): Promise<CoachedOutcome> {
    const asks = outcome.emitted.flatMap((e, at) => (e.type === 'coach.requested' ? [[at, e.ask] as const] : []));
    if (asks.length === 0) return { outcome, deferred: new Map() };
    const context = contextOf(outcome.snapshot);
    const log = (turn.logger ?? this.logger).child({ learnerId: turn.learnerId, organisationId: turn.organisation.id });
    const aiAnswers = this.usesAi(turn.organisation.id, context);
    const sources = {
      context,
      index: turn.programme.index,
      search: this.searchFor(turn.programme.index),
      organisation: turn.organisation,
      withoutEarlierAnswers: !aiAnswers,
    };
    const now: ConversationEvent[] = [];
    const deferred = new Map<number, CoachJob>();
    for (const [at, ask] of asks) {
      const request = coachRequestFor(ask, sources);
      const answerNow = (reply: CoachReply) => now.push({ type: 'coach.replied', ask, text: reply.text, source: reply.source });
      if (!request) {
        answerNow({ text: say(localeOf(context), 'offlineNoRubric'), source: 'offline' });
        continue;
      }
      if (!aiAnswers) {
        answerNow(await this.fallback.reply(request, AbortSignal.timeout(this.deadlineMs)));
        continue;
      }
      const key = cacheKey(request);
      const cached = this.cache.get(key);
      if (cached) answerNow(cached);
      else if (!this.takeCall(turn.learnerId)) {
        log.warn({ kind: ask.kind }, 'learner over the coach call limit; the offline coach answered');
        this.options.usage?.recordFallback(turn.organisation.id);
        answerNow(await this.fallback.reply(request, AbortSignal.timeout(this.deadlineMs)));
      } else deferred.set(at, { ask, run: () => this.askService(request, key, log) });
    }
    if (now.length === 0) return { outcome, deferred };
    const answered = runConversationTurn(turn.programme.machine, outcome.snapshot, now);
    return { outcome: { ...answered, emitted: [...outcome.emitted, ...answered.emitted] }, deferred };
  }

  private usesAi(organisationId: string, context: ConversationContext): boolean {
    return this.primary !== this.fallback && context.profile.aiConsent === true && (this.options.aiEnabledFor?.(organisationId) ?? false);
  }

  /** Counts one AI call for the learner; false when they are over their limit for the window. */
  private takeCall(learnerId: string): boolean {
    const limit = this.options.callsPerLearner?.limit;
    if (limit === undefined) return true;
    const window = this.calls.get(learnerId);
    if (!window) {
      this.calls.set(learnerId, { count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= limit;
  }

  private askService(request: CoachRequest, key: string, log: Logger): Promise<CoachReply> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const asked = this.replyWithin(request, key, log).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, asked);
    return asked;
  }

  private async replyWithin(request: CoachRequest, key: string, log: Logger): Promise<CoachReply> {
    const started = Date.now();
    try {
      const reply = await withDeadline(this.deadlineMs, (signal) => this.primary.reply(request, signal));
      this.cache.set(key, reply);
      this.options.usage?.recordCall(request.organisationId, reply.usage);
      log.info(
        {
          kind: request.kind,
          model: reply.model,
          inputTokens: reply.usage?.inputTokens,
          outputTokens: reply.usage?.outputTokens,
          ms: Date.now() - started,
        },
        'coach replied',
      );
      return reply;
    } catch (error) {
      this.options.usage?.recordFallback(request.organisationId);
      log.warn({ kind: request.kind, reason: reasonOf(error), ms: Date.now() - started }, 'coach failed or was too slow; the offline coach answered');
      return this.fallback.reply(request, AbortSignal.timeout(this.deadlineMs));
    }
  }

  private searchFor(index: ProgrammeIndex): LessonSearch {
    let search = this.searches.get(index);
    if (!search) {
      search = new LessonSearch(index);
      this.searches.set(index, search);
    }
    return search;
  }
}

function contextOf(snapshot: Snapshot<unknown>): ConversationContext {
  return (snapshot as unknown as { context: ConversationContext }).context;
}

/** Requests are cached by everything they carry, so one learner's reply is never given to another. */
function cacheKey(request: CoachRequest): string {
  return hash('sha256', JSON.stringify(request), 'base64url');
}

/** What went wrong, for the log: never the request, which holds the learner's words. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  return `${error.name}${typeof status === 'number' ? ` ${status}` : ''}: ${error.message.slice(0, 200)}`;
}

/** Runs `task` with an abort signal, and rejects when the deadline passes even if the task ignores the signal. */
async function withDeadline<T>(deadlineMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  try {
    return await Promise.race([task(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
