import { ActivityHandler, ActivityTypes, TurnContext } from 'botbuilder';
import { say } from '../dialogs/catalogue';
import type { ConversationEvent } from '../dialogs/events';
import { messageToEvent } from './activityToEvent';
import type { Logger } from './logger';
import type { ChannelRenderer } from './ports/channelRenderer';
import { StoreUnavailableError } from './ports/store';
import type { Identity } from './records';
import type { TurnEngine } from './turnEngine';

/** How long a turn may run before the learner sees a typing indicator. */
const TYPING_DELAY_MS = 700;

export interface ProgrammeBotOptions {
  readonly engine: TurnEngine;
  /** The renderer for the channel the turn came from. */
  readonly rendererFor: (context: TurnContext) => ChannelRenderer;
  /** Who the learner is, decided by the server (never by what a client claims); null if unknown. */
  readonly identityOf: (context: TurnContext) => Identity | null;
  readonly organisationId: string;
  readonly logger: Logger;
}

/** The Bot Framework face of the programme: maps activities to conversation events, runs the turn, replies. */
export class ProgrammeBot extends ActivityHandler {
  constructor(private readonly options: ProgrammeBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      // In Teams a message can start with "<at>Bot</at>"; the mention is not part of the answer.
      if (context.activity.channelId === 'msteams') TurnContext.removeRecipientMention(context.activity);
      const event = messageToEvent(context.activity);
      await this.runTurn(context, event ?? { type: 'user.unreadable' });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const { activity } = context;
      const added = activity.membersAdded ?? [];
      const learnerJoined = added.some((member) => member.id !== activity.recipient?.id);
      const botInstalled = activity.channelId === 'msteams' && added.some((member) => member.id === activity.recipient?.id);
      if (learnerJoined && activity.channelId !== 'msteams') await this.runTurn(context, { type: 'session.started' });
      else if (botInstalled) await this.runTurn(context, { type: 'session.started' }, welcomeId(context));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.runTurn(context, { type: 'session.started' }, welcomeId(context));
      await next();
    });
    this.onMessageUpdate(async (context, next) => {
      await this.runTurn(context, { type: 'user.editedMessage' });
      await next();
    });
  }

  private async runTurn(context: TurnContext, event: ConversationEvent, activityId = context.activity.id): Promise<void> {
    const identity = this.options.identityOf(context);
    if (!identity) {
      this.options.logger.warn('activity without a usable identity ignored', { channelId: context.activity.channelId });
      return;
    }
    const typing = setTimeout(() => void context.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined), TYPING_DELAY_MS);
    try {
      const result = await this.options.engine.handle({
        identity,
        organisationId: this.options.organisationId,
        activityId: activityId ?? `${context.activity.conversation?.id}:${Date.now()}:${Math.random()}`,
        event,
        fallbackLocale: localeHint(context),
        greetUnknownWithoutStoring: identity.channel === 'webchat',
        conversationReference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>,
      });
      clearTimeout(typing);
      if (result.duplicate) return;
      await context.sendActivities(this.options.rendererFor(context).render(result.messages));
    } catch (error) {
      clearTimeout(typing);
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.options.logger.warn('store unavailable; turn not applied', { error });
      await context.sendActivity(say(localeHint(context), 'storeUnavailable'));
    }
  }
}

/** The learner's language when their record could not be read: the channel's locale, Swedish by default. */
export function localeHint(context: TurnContext): 'sv' | 'en' {
  return (context.activity.locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/**
 * Teams announces an install with a conversationUpdate and an installationUpdate, either of which can
 * be missing or arrive twice: both use this id, so the turn engine applies the welcome once.
 */
function welcomeId(context: TurnContext): string {
  return `welcome:${context.activity.conversation?.id ?? ''}`;
}
