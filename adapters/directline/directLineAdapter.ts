import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

import type { BufferableActivity, ConversationBuffer, WireActivity } from './conversationBuffer';

/** The bot's turn logic, e.g. an ActivityHandler's `run`. */
export type BotLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineAdapterOptions {
  /** Where replies are appended for the widget to poll. */
  readonly buffer: ConversationBuffer;
  /** The bot's account in this channel (`from` of every reply). */
  readonly botId: string;
  readonly botName: string;
  /**
   * The serviceUrl stamped on incoming activities and kept in conversation references. Only an identifier
   * here: replies never leave the process, they go to the buffer.
   */
  readonly serviceUrl?: string;
}

/** Channel id of activities that arrive through the self-hosted Direct Line endpoint. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';
const DEFAULT_SERVICE_URL = 'urn:self-hosted:directline';

/**
 * A Bot Framework adapter for the self-hosted Direct Line endpoint: incoming activities run through the
 * middleware and the bot logic like in any adapter; whatever the bot sends is appended to the
 * conversation's buffer, where the Web Chat widget picks it up on its next poll.
 */
export class DirectLineAdapter extends BotAdapter {
  readonly serviceUrl: string;
  readonly bot: ChannelAccount;
  /** Every conversation's activity stream (the routes echo incoming activities into it and serve polls from it). */
  readonly buffer: ConversationBuffer;

  constructor(options: DirectLineAdapterOptions) {
    super();
    this.buffer = options.buffer;
    this.bot = { id: options.botId, name: options.botName, role: 'bot' };
    this.serviceUrl = options.serviceUrl ?? DEFAULT_SERVICE_URL;
  }

  /**
   * Runs one turn for an incoming activity; resolves when the middleware and the logic are done. The
   * activity is copied, with timestamps as Dates (raw strings kept) as Bot Framework adapters deliver them.
   */
  async processActivity(activity: BufferableActivity, logic: BotLogic): Promise<void> {
    const context = new TurnContext(this, withDateTimestamps(activity));
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace || activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
      } else {
        responses.push({ id: this.append(conversationIdOf(activity, context), activity).id });
      }
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = conversationIdOf(activity, context);
    const existing = activity.id ? this.buffer.find(conversationId, activity.id) : undefined;
    if (!existing || !activity.id) throw new Error(`Direct Line: no activity ${activity.id ?? '(without id)'} to update`);
    this.buffer.replace(conversationId, activity.id, { ...existing, ...activity, from: this.bot });
    return { id: activity.id };
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!conversationId || !reference.activityId) throw new Error('Direct Line: deleteActivity needs a conversation and an activity id');
    this.buffer.remove(conversationId, reference.activityId);
  }

  /** Proactive turn in a Direct Line conversation; what the logic sends appears on the widget's next poll. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'ContinueConversation' },
      { ...reference, bot: reference.bot ?? this.bot, channelId: reference.channelId ?? DIRECT_LINE_CHANNEL_ID },
      true,
    );
    await this.processActivity(activity, logic);
  }

  /** The CloudAdapter-style overloads: the bot app id, claims identity and audience do not matter here. */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: BotLogic | string,
    maybeLogic?: BotLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('continueConversationAsync: logic is required');
    await this.continueConversation(reference, logic);
  }

  private append(conversationId: string, activity: Partial<Activity>): WireActivity {
    const { id: _ignored, replyToId, ...rest } = activity;
    // Web Chat holds a reply back for up to 5 s until the activity it replies to is on screen; replies to
    // activities the widget never sees (the conversationUpdate, an evicted message) must not wait for them.
    const keepReplyTo = replyToId !== undefined && this.buffer.find(conversationId, replyToId) !== undefined;
    return this.buffer.append(conversationId, {
      ...rest,
      ...(keepReplyTo ? { replyToId } : {}),
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: { ...rest.conversation, id: conversationId } as Activity['conversation'],
      from: this.bot,
    });
  }
}

function conversationIdOf(activity: Partial<Activity>, context: TurnContext): string {
  const id = activity.conversation?.id ?? context.activity.conversation?.id;
  if (!id) throw new Error('Direct Line: the activity names no conversation');
  return id;
}

/** Mirrors botbuilder's validateAndFixActivity, which the package does not export. */
function withDateTimestamps(activity: BufferableActivity): Partial<Activity> {
  const copy = structuredClone(activity) as Partial<Activity> & Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp'] as const) {
    const value: unknown = copy[field];
    if (typeof value === 'string') {
      copy[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      copy[field] = new Date(value);
    }
  }
  return copy;
}
