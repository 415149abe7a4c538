import type { Snapshot } from 'xstate';
import { say } from '../dialogs/catalogue';
import { continueConversation, type TurnOutcome } from '../dialogs/conversationTurn';
import { localeOf } from '../dialogs/eventInput';
import type { ConversationContext } from '../dialogs/conversationContext';
import type { Locale } from '../curriculum/schema';
import type { ConversationEvent } from '../dialogs/events';
import type { EffectRequest, OutgoingMessage, RecordedAnswer } from '../dialogs/outgoing';
import { toPersistedConversation } from '../dialogs/persistedConversation';
import { summarizeProgress } from '../dialogs/progress';
import { AnswerOutbox } from './answerOutbox';
import type { CoachJob, CoachService } from './coachService';
import type { Logger } from './logger';
import { contactMessage } from './organisations/contactMessage';
import type { OrganisationDirectory } from './organisations/organisationDirectory';
import type { OrganisationProgrammes, Programme } from './organisations/organisationProgrammes';
import type { ChannelData } from './ports/channelData';
import type { RateCounters } from './ports/rateCounters';
import type { Store } from './ports/store';
import type { AdvisorTurnHooks } from './advisors/advisorTurnHooks';
import { CrossChannelLinking } from './crossChannelLinking';
import { readLinkCode } from './linkCodes';
import { legacyIdentityKey, RECORD_SCHEMA_VERSION, type AnswerRecord, type Identity, type LearnerRecord, type ProgressRecord } from './records';
import { shownAfter, withShownStep } from './shownSteps';
import type { ExportLinkIssuer } from './exports/exportLinkIssuer';
import { exportMessage, type ExportMessage } from './exports/exportMessage';
import { exportWithAdvisorPart } from './exports/exportWithAdvisorPart';

/** Channel-neutral messages, plus exported data when asked for. */
export type TurnMessage = OutgoingMessage | ExportMessage;

export interface TurnRequest {
  readonly identity: Identity;
  readonly organisationId: string;
  /** The channel's activity id: a redelivered activity with the same id is not applied twice. */
  readonly activityId: string;
  readonly event: ConversationEvent;
  /** Where to reach the learner later (TurnContext.getConversationReference of the incoming activity). */
  readonly conversationReference?: Record<string, unknown>;
  /** The language to use before the learner has chosen one (the channel's locale). */
  readonly fallbackLocale?: Locale;
  /**
   * A conversation opening from someone the store does not know yet (a web page view) is greeted without
   * storing anything: the learner is created by their first answer. Teams installs are stored at once,
   * so that a repeated install event is recognised.
   */
  readonly greetUnknownWithoutStoring?: boolean;
  /** This turn's logger (a child carrying the activity id and channel); the engine's own logger otherwise. */
  readonly logger?: Logger;
}

export interface TurnResult {
  /** Null when nothing was stored (a greeting for someone not known yet). */
  readonly learnerId: string | null;
  readonly locale: 'sv' | 'en' | null;
  readonly messages: readonly TurnMessage[];
  /** The activity had been applied before; nothing changed and nothing should be sent. */
  readonly duplicate: boolean;
  /**
   * Requests for the AI coach, to run now that the turn is committed (the learner has been told a reply is coming);
   * each reply goes back into the conversation as a `coach.replied` turn of its own.
   */
  readonly coachJobs?: readonly CoachJob[];
}

/** Too many concurrent writers for one learner; the turn gave up without writing. */
export class ConcurrentTurnError extends Error {
  constructor(learnerId: string) {
    super(`could not save learner ${learnerId}'s turn after repeated concurrent updates`);
    this.name = 'ConcurrentTurnError';
  }
}

const MAX_SAVE_ATTEMPTS = 20;
/** Upper bound of the random pause before re-applying a conflicted turn, grown with each attempt. */
const CONFLICT_BACKOFF_MS = 15;
const RECENT_ACTIVITY_IDS = 50;

export interface TurnEngineOptions {
  readonly store: Store;
  /** Each organisation's programme (its modules and the conversation built on them). */
  readonly programmes: Pick<OrganisationProgrammes, 'for'>;
  readonly organisations: OrganisationDirectory;
  readonly coach: CoachService;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Links to the learner's export for "export my data"; without them the data file is sent in the chat. */
  readonly exportLinks?: ExportLinkIssuer;
  /** What channels keep outside the Store (the web chat's transcript and sessions), erased with the learner. */
  readonly channelData?: ChannelData;
  /** Shared counters for the link-code failure limit (in process memory when absent). */
  readonly rateCounters?: RateCounters;
  /** The advisor side: the cohort, advisor requests and replies, and their part of export and delete. */
  readonly advisors?: AdvisorTurnHooks;
}

/**
 * One learner turn: load the progress document (one read), restore the conversation, send the event,
 * ask the coach, then persist with one conditional write plus the answer log. On a concurrent update
 * the whole turn is re-applied to the fresh document, so two devices at once lose nothing.
 * No learner state is kept in memory between turns.
 */
export class TurnEngine {
  private readonly clock: () => Date;
  private readonly linking: CrossChannelLinking;
  private readonly outbox: AnswerOutbox;

  constructor(private readonly options: TurnEngineOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.linking = new CrossChannelLinking(options.store, this.clock, options.rateCounters);
    this.outbox = new AnswerOutbox(options.store, options.logger);
  }

  async handle(request: TurnRequest): Promise<TurnResult> {
    const code = request.event.type === 'user.text' ? readLinkCode(request.event.text) : null;
    if (code) return this.linking.redeem(request, code, (resume) => this.applyTurn(resume));
    if (request.event.type === 'session.started' && request.greetUnknownWithoutStoring) {
      const known = await this.options.store.findLearner(request.identity, request.organisationId);
      return known ? this.applyTurn(request, known) : this.greetWithoutStoring(request);
    }
    return this.applyTurn(request);
  }

  /** Resolves when the answer-log appends of the turns answered so far have ended (before the store is closed). */
  async idle(): Promise<void> {
    await this.outbox.idle();
  }

  private greetWithoutStoring(request: TurnRequest): TurnResult {
    const { machine, index } = this.programmeOf(request);
    const outcome = continueConversation(machine, index, undefined, request.event);
    const messages = outcome.emitted.flatMap((e) => (e.type === 'bot.say' ? [e.message] : []));
    return { learnerId: null, locale: null, messages, duplicate: false };
  }

  /** `known`: the learner already looked up for this identity, so it is not read twice. */
  private async applyTurn(request: TurnRequest, known?: LearnerRecord): Promise<TurnResult> {
    const { store } = this.options;
    const learner = known ?? (await this.learnerFor(request));
    if (!learner) return { learnerId: null, locale: null, messages: [], duplicate: false };
    const programme = this.programmeOf(request);

    // The last write that reported a conflict: it may still have been applied (its acknowledgement lost, then the
    // driver's retry found the new version), which the next read tells.
    let unacknowledged: { record: ProgressRecord; finish: () => Promise<TurnResult> } | undefined;
    for (let attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
      const progress = await store.loadProgress(learner.id);
      // The previous turn's answers are in the log before this turn replaces the document that carries them.
      await this.outbox.settle(progress);
      if (progress?.recentActivityIds.includes(request.activityId)) {
        if (unacknowledged && isSameWrite(progress, unacknowledged.record)) return unacknowledged.finish();
        return { learnerId: learner.id, locale: null, messages: [], duplicate: true };
      }
      // A coach reply for a learner who has since deleted their data (or never got as far) has nowhere to go.
      if (!progress && request.event.type === 'coach.replied') return { learnerId: learner.id, locale: null, messages: [], duplicate: false };
      const event = withShownStep(request.event, progress?.lastShown?.[legacyIdentityKey(request.identity)]);
      const asked = continueConversation(programme.machine, programme.index, progress?.conversation, event);
      const organisation = this.options.organisations.get(request.organisationId) ?? this.options.organisations.fallback;
      // The offline coach answers inside the turn; AI requests become jobs that run after the commit.
      const { outcome, deferred } = await this.options.coach.settle(asked, {
        programme,
        organisation,
        learnerId: learner.id,
        logger: request.logger,
      });
      const context = (outcome.snapshot as unknown as { context: ConversationContext }).context;
      const said = this.saidIn(outcome, context, deferred);

      if (outcome.isDeleted) {
        // Every identity of the learner, as stored now (another channel may have been linked since the turn began).
        const identities = (await store.getLearner(learner.id))?.identities ?? learner.identities;
        await this.options.channelData?.erase(identities, 'deleted');
        await this.options.advisors?.forgetLearner(learner.id);
        await store.deleteLearner(learner.id);
        await this.options.advisors?.learnerDeleted(learner.id);
        await this.forgetDeliveries(request, progress);
        return { learnerId: learner.id, locale: context.locale, messages: inEmittedOrder(said), duplicate: false };
      }
      const records = this.logRecords(outcome, learner.id, request.activityId);
      const record = this.nextRecord(progress, learner.id, outcome.snapshot, context, request, programme, records);
      // The progress write is the commit point, and it carries the turn's answer records: only the turn that committed
      // logs them, so a turn re-applied after a conflict never leaves a stale answer behind in the append-only log.
      // The reply does not wait for the log: the answers are durable from the commit on, and the learner's next turn
      // and every read of the log wait for the append (settle, listAnswers).
      const finish = async (): Promise<TurnResult> => {
        this.outbox.deliverInBackground(learner.id, record.version, records, this.loggerFor(request, learner.id));
        const effects = await this.performEffects(outcome, learner, request, context);
        const mirrored = await this.mirrorProfile(learner, context);
        await this.options.advisors?.turnCommitted(mirrored, record, request.event.type === 'session.started');
        const coachJobs = [...deferred.values()];
        return {
          learnerId: learner.id,
          locale: context.locale,
          messages: inEmittedOrder(said, effects),
          duplicate: false,
          ...(coachJobs.length > 0 ? { coachJobs } : {}),
        };
      };
      const saved = await store.saveProgress(record, progress?.version ?? null);
      if (saved === 'saved') return finish();
      unacknowledged = { record, finish };
      this.loggerFor(request, learner.id).debug({ attempt }, 'progress write conflicted; re-applying the turn');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * CONFLICT_BACKOFF_MS * Math.min(attempt, 5)));
    }
    throw new ConcurrentTurnError(learner.id);
  }

  /**
   * The language the learner chose, from their stored profile; null for someone not known yet, or when the store
   * cannot be read (the caller falls back to the channel's locale).
   */
  async chosenLocale(identity: Identity, organisationId: string): Promise<Locale | null> {
    const learner = await this.options.store.findLearner(identity, organisationId).catch(() => null);
    return learner?.locale ?? null;
  }

  /**
   * What the learner deleted is gone from the record of answered deliveries too (an answer returned to a redelivery
   * can quote them): every conversation the learner was reached in. A failure is logged; the record expires anyway.
   */
  private async forgetDeliveries(request: TurnRequest, progress: ProgressRecord | null): Promise<void> {
    const references = [...Object.values(progress?.conversationReferences ?? {}), request.conversationReference];
    const conversations = new Map<string, { channel: string; conversationId: string }>();
    for (const reference of references) {
      const channel = reference?.channelId;
      const conversationId = (reference?.conversation as { id?: unknown } | undefined)?.id;
      if (typeof channel === 'string' && typeof conversationId === 'string')
        conversations.set(`${channel}\n${conversationId}`, { channel, conversationId });
    }
    const deliveries = this.options.store.turnResults();
    for (const { channel, conversationId } of conversations.values()) {
      await deliveries.forgetConversation(channel, conversationId).catch((error: unknown) => {
        this.loggerFor(request, 'deleted').warn(
          { err: error, channel },
          'answered deliveries of a deleted learner not forgotten; they expire within a day',
        );
      });
    }
  }

  private programmeOf(request: TurnRequest): Programme {
    return this.options.programmes.for(request.organisationId);
  }

  /**
   * A coach reply only goes to a learner who is still there; every other event may create the learner (a new visitor's
   * first answer).
   */
  private async learnerFor(request: TurnRequest): Promise<LearnerRecord | null> {
    const { store } = this.options;
    if (request.event.type === 'coach.replied') return store.findLearner(request.identity, request.organisationId);
    return store.resolveLearner(request.identity, request.organisationId);
  }

  /** What each emitted event says (nothing for answers and effect requests; "a reply is coming" for an AI request). */
  private saidIn(outcome: TurnOutcome, context: ConversationContext, deferred: ReadonlyMap<number, CoachJob>): TurnMessage[][] {
    return outcome.emitted.map((emitted, at) => {
      if (emitted.type === 'bot.say') return [emitted.message];
      if (emitted.type === 'coach.requested' && deferred.has(at)) return [this.options.coach.pendingMessage(emitted.ask, context)];
      return [];
    });
  }

  private async performEffects(
    outcome: TurnOutcome,
    learner: LearnerRecord,
    request: TurnRequest,
    context: ConversationContext,
  ): Promise<Map<number, TurnMessage[]>> {
    const performed = new Map<number, TurnMessage[]>();
    for (const [at, emitted] of outcome.emitted.entries()) {
      if (emitted.type === 'effect.requested') performed.set(at, await this.perform(emitted.request, learner, request, context));
    }
    return performed;
  }

  private async perform(effect: EffectRequest, learner: LearnerRecord, request: TurnRequest, context: ConversationContext): Promise<TurnMessage[]> {
    switch (effect.effect) {
      case 'exportData': {
        const exported = await exportWithAdvisorPart(this.options.store, this.options.advisors, learner.id);
        if (!exported) return [];
        const organisation = this.options.organisations.get(request.organisationId) ?? this.options.organisations.fallback;
        const { curriculum } = this.programmeOf(request).index;
        return [exportMessage(exported, curriculum, organisation, localeOf(context), this.clock(), this.options.exportLinks)];
      }
      case 'requestAdvisor':
        await this.options.advisors?.requestAdvisor(learner);
        this.loggerFor(request, learner.id).info('learner asked to talk to an advisor');
        return [contactMessage(this.options.organisations.get(request.organisationId) ?? this.options.organisations.fallback, localeOf(context))];
      case 'issueLinkCode':
        return [await this.linking.issueCode(learner.id, request.organisationId, localeOf(context))];
      case 'advisorReply': {
        const recorded = (await this.options.advisors?.recordReply(learner, effect.noteId, effect.text)) ?? false;
        return recorded ? [] : [{ kind: 'text', text: say(localeOf(context), 'advisorReplyUnknown') }];
      }
      case 'deleteData':
        return [];
    }
  }

  /** What the turn adds to the answer log: its answers (an advisor request goes to the advisor side). */
  private logRecords(outcome: TurnOutcome, learnerId: string, activityId: string): AnswerRecord[] {
    const answers = outcome.emitted.flatMap((e) => (e.type === 'answer.recorded' ? [e.answer] : []));
    return answers.map((answer, position) => this.answerRecord(learnerId, position === 0 ? activityId : `${activityId}#${position}`, answer));
  }

  private answerRecord(learnerId: string, activityId: string, answer: RecordedAnswer): AnswerRecord {
    return {
      schemaVersion: RECORD_SCHEMA_VERSION,
      learnerId,
      activityId,
      moduleId: answer.moduleId,
      lessonId: answer.lessonId,
      stepId: answer.stepId,
      stepKind: answer.stepKind,
      answer: answer.answer,
      ...(answer.correct === undefined ? {} : { correct: answer.correct }),
      ...(answer.feedback === undefined ? {} : { feedback: answer.feedback }),
      at: this.clock().toISOString(),
    };
  }

  private nextRecord(
    previous: ProgressRecord | null,
    learnerId: string,
    snapshot: Snapshot<unknown>,
    context: ConversationContext,
    request: TurnRequest,
    programme: Programme,
    logRecords: readonly AnswerRecord[],
  ): ProgressRecord {
    const now = this.clock().toISOString();
    const references = request.conversationReference
      ? { ...previous?.conversationReferences, [request.identity.channel]: request.conversationReference }
      : previous?.conversationReferences;
    return {
      schemaVersion: RECORD_SCHEMA_VERSION,
      learnerId,
      version: (previous?.version ?? 0) + 1,
      conversation: toPersistedConversation(snapshot),
      summary: summarizeProgress(programme.index, context),
      ...(references ? { conversationReferences: references } : {}),
      lastShown: shownAfter(previous?.lastShown, legacyIdentityKey(request.identity), snapshot, context),
      recentActivityIds: [...(previous?.recentActivityIds ?? []), request.activityId].slice(-RECENT_ACTIVITY_IDS),
      ...(logRecords.length > 0 ? { pendingAnswers: [...logRecords] } : {}),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
  }

  /**
   * Keeps the learner record's language, names and consent in step with what the learner told the bot; returns the
   * record as the turn leaves it.
   */
  private async mirrorProfile(learner: LearnerRecord, context: ConversationContext): Promise<LearnerRecord> {
    const profile = {
      ...(context.locale ? { locale: context.locale } : {}),
      ...(context.profile.firstName ? { displayName: context.profile.firstName } : {}),
      ...(context.profile.ventureName ? { ventureName: context.profile.ventureName } : {}),
      ...(context.profile.consented ? { consentedAt: learner.consentedAt ?? this.clock().toISOString() } : {}),
      sharesWithAdvisors: context.profile.sharesWithAdvisors === true,
    };
    const changed =
      profile.sharesWithAdvisors !== (learner.sharesWithAdvisors === true) ||
      (['locale', 'displayName', 'ventureName', 'consentedAt'] as const).some((key) => profile[key] !== learner[key]);
    if (!changed) return learner;
    await this.options.store.updateLearnerProfile(learner.id, profile);
    const { locale: _l, displayName: _d, ventureName: _v, consentedAt: _c, sharesWithAdvisors: _s, ...kept } = learner;
    return { ...kept, ...profile };
  }

  private loggerFor(request: TurnRequest, learnerId: string): Logger {
    return (request.logger ?? this.options.logger).child({ learnerId });
  }
}

/** Whether the stored progress is the very document this turn wrote (and was told conflicted). */
function isSameWrite(stored: ProgressRecord, written: ProgressRecord): boolean {
  return (
    stored.version === written.version &&
    stored.updatedAt === written.updatedAt &&
    JSON.stringify(stored.conversation) === JSON.stringify(written.conversation)
  );
}

/**
 * The turn's messages in the order the conversation emitted them, each effect's messages (an export, a link code, an
 * advisor's contact) where it was requested: a step re-presented after a side command stays the last message, so its
 * buttons stay on screen.
 */
function inEmittedOrder(said: readonly TurnMessage[][], effects: ReadonlyMap<number, TurnMessage[]> = new Map()): TurnMessage[] {
  return said.flatMap((messages, at) => [...messages, ...(effects.get(at) ?? [])]);
}
