import { offlineReply } from '../../adapters/ai/offlineCoach';
import { messageToEvent } from '../../bot/activityToEvent';
import { coachRequestFor } from '../../bot/coach/coachRequests';
import { LessonSearch } from '../../bot/coach/lessonSearch';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Curriculum } from '../../curriculum/schema';
import { continueConversation, runConversationTurn, type TurnOutcome } from '../../dialogs/conversationTurn';
import { initialContext, type ConversationContext } from '../../dialogs/conversationContext';
import type { ConversationEvent } from '../../dialogs/events';
import type { CoachAsk, EmittedEvent, OutgoingMessage } from '../../dialogs/outgoing';
import { toPersistedConversation } from '../../dialogs/persistedConversation';
import { ProgrammeIndex } from '../../dialogs/programmeIndex';
import type { ProgrammeOptions } from '../../dialogs/machine/machineSetup';
import { createProgrammeMachine, type ProgrammeMachine } from '../../dialogs/programmeMachine';
import { shippedOrganisations } from './testOrganisations';

export interface DriverOptions {
  /**
   * `offline` (the default): the offline coach answers every coach request in the same turn, as the turn engine does
   * without an AI service. `manual`: requests wait in `pendingAsks` until the test replies with `coachReplies`.
   */
  readonly coach?: 'offline' | 'manual';
  readonly programme?: ProgrammeOptions;
}

/** The text a learner would read in a message, whatever its kind. */
export function messageText(message: OutgoingMessage): string {
  switch (message.kind) {
    case 'text':
    case 'choices':
      return [message.text, ...('choices' in message ? message.choices.map((c) => c.label) : [])].join('\n');
    case 'progress':
      return [message.title, ...message.modules.map((m) => `${m.title} ${m.bar}`), ...message.choices.map((c) => c.label)].join('\n');
    case 'summary':
      return [message.title, message.text, ...message.answers.map((a) => `${a.label}: ${a.answer}`), message.progressLine].join('\n');
    case 'artefact':
      return [message.title, ...message.fields.map((f) => `${f.label}: ${f.value}`)].join('\n');
    case 'calculation':
      return [
        message.text,
        ...message.lines.map((l) => `${l.label}: ${l.working ? `${l.working} = ` : ''}${l.result}`),
        ...message.notes,
        ...message.choices.map((c) => c.label),
      ].join('\n');
  }
}

/**
 * Drives the programme machine the way the turn engine does: every turn starts from the previous turn's
 * snapshot after a JSON round trip, so each test also proves the conversation survives persistence.
 */
export class ConversationDriver {
  readonly index: ProgrammeIndex;
  readonly machine: ProgrammeMachine;
  private persisted: Record<string, unknown> | undefined;
  emitted: EmittedEvent[] = [];

  /** Coach requests not answered yet (`coach: 'manual'`). */
  pendingAsks: CoachAsk[] = [];
  private readonly coach: 'offline' | 'manual';
  private readonly search: LessonSearch;

  constructor(curriculum: Curriculum = loadCurriculumOrThrow(), options: DriverOptions = {}) {
    this.index = new ProgrammeIndex(curriculum);
    this.machine = createProgrammeMachine(this.index, options.programme);
    this.coach = options.coach ?? 'offline';
    this.search = new LessonSearch(this.index);
  }

  /** The offline coach's replies to the requests in `outcome`, applied as the turn engine applies them. */
  private answeredOffline(outcome: TurnOutcome): TurnOutcome {
    const asks = outcome.emitted.flatMap((e) => (e.type === 'coach.requested' ? [e.ask] : []));
    if (asks.length === 0 || outcome.isDeleted) return outcome;
    const context = (outcome.snapshot as unknown as { context: ConversationContext }).context;
    const replies = asks.map((ask) => {
      const request = coachRequestFor(ask, { context, index: this.index, search: this.search, organisation: shippedOrganisations[0]! });
      return { type: 'coach.replied' as const, ask, text: request ? offlineReply(request) : '', source: 'offline' as const };
    });
    const answered = runConversationTurn(this.machine, outcome.snapshot, replies);
    return { ...answered, emitted: [...outcome.emitted, ...answered.emitted] };
  }

  private deletedState: unknown = undefined;

  send(event: ConversationEvent): OutgoingMessage[] {
    const asked = continueConversation(this.machine, this.index, this.persisted, event);
    const outcome = this.coach === 'offline' ? this.answeredOffline(asked) : asked;
    if (this.coach === 'manual') this.pendingAsks.push(...outcome.emitted.flatMap((e) => (e.type === 'coach.requested' ? [e.ask] : [])));
    // A deleted learner is gone from the store: their next message starts a new conversation, as in the turn engine.
    this.persisted = outcome.isDeleted
      ? undefined
      : (JSON.parse(JSON.stringify(toPersistedConversation(outcome.snapshot))) as Record<string, unknown>);
    this.emitted = [...outcome.emitted];
    this.deletedState = outcome.isDeleted ? 'deleted' : undefined;
    return outcome.emitted.flatMap((e) => (e.type === 'bot.say' ? [e.message] : []));
  }

  /** The coach's reply to a pending request (`coach: 'manual'`), as the turn engine would send it; returns the bot's text. */
  coachReplies(text: string, source: 'ai' | 'offline' = 'ai', ask: CoachAsk = this.pendingAsks[this.pendingAsks.length - 1]!): string {
    this.pendingAsks = this.pendingAsks.filter((pending) => pending !== ask);
    return this.reply({ type: 'coach.replied', ask, text, source });
  }

  /** All the text of the bot's reply to this event. */
  reply(event: ConversationEvent): string {
    return this.send(event).map(messageText).join('\n');
  }

  /** Typed text, mapped to an event (a command or free text) exactly as the bot maps a message activity. */
  text(text: string): string {
    return this.reply(messageToEvent({ text }) ?? { type: 'user.text', text });
  }

  /** A button press, mapped to an event exactly as the bot maps a card submit or messageBack. */
  choose(value: string): string {
    return this.reply(messageToEvent({ value: { choice: value } }) ?? { type: 'user.choice', value });
  }

  get context(): ConversationContext {
    return this.persisted ? (this.persisted.snapshot as { context: ConversationContext }).context : initialContext;
  }

  /** The machine's state after the last event ('deleted' once the learner's data is gone). */
  get stateValue(): unknown {
    return this.persisted ? (this.persisted.snapshot as { value: unknown }).value : this.deletedState;
  }

  /** The persisted document (as the stores keep it). */
  get document(): Record<string, unknown> {
    return structuredClone(this.persisted!);
  }

  load(document: Record<string, unknown>): void {
    this.persisted = structuredClone(document);
  }

  /** Greets, picks a language and completes onboarding; ends at the module menu. */
  onboard(locale: 'sv' | 'en', firstName = 'Amina', venture = 'Vätterhjul'): void {
    this.reply({ type: 'session.started' });
    this.choose(locale);
    this.choose('consent-yes');
    this.text(firstName);
    this.text(venture);
    this.text(locale === 'sv' ? 'Vi reparerar cyklar och ger arbetsträning.' : 'We repair bikes and offer work training.');
    this.choose('share-yes');
  }
}
