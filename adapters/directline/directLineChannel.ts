import type { ChannelAccount, InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import type { ConversationBuffer, WireActivity } from './conversationBuffer';

export interface DirectLineChannelOptions {
  /** Where replies are appended for the widget to poll. */
  readonly buffer: ConversationBuffer;
  /** The bot's account in this channel (`from` of every reply). */
  readonly botId: string;
  readonly botName: string;
  /** Runs for every activity the widget posts. */
  readonly bot: ChannelBot;
}

/** Channel id of activities that arrive through the self-hosted Direct Line endpoint. */
export const DIRECT_LINE_CHANNEL_ID = 'directline';
/** An identifier only: replies never leave the process, they go to the conversation's stream. */
export const DIRECT_LINE_SERVICE_URL = 'urn:self-hosted:directline';

/** Where a Direct Line conversation can be reached later (advisor notes, reminders). */
export interface DirectLineReference {
  readonly channelId: typeof DIRECT_LINE_CHANNEL_ID;
  readonly serviceUrl: string;
  readonly conversation: { readonly id: string };
  readonly user: { readonly id: string };
  readonly bot: ChannelAccount;
}

/**
 * The self-hosted web channel: runs the bot for each activity the widget posts, and appends whatever the bot sends
 * to the conversation's stream, where the Web Chat widget picks it up on its next poll.
 */
export class DirectLineChannel {
  readonly account: ChannelAccount;
  readonly buffer: ConversationBuffer;

  constructor(private readonly options: DirectLineChannelOptions) {
    this.buffer = options.buffer;
    this.account = { id: options.botId, name: options.botName, role: 'bot' };
  }

  /**
   * Runs one turn for an activity from the widget (already stamped by the routes with the token's learner and
   * conversation); resolves when the bot has answered. The learner and organisation are the ones the token names:
   * identity is `from.id`, which the routes set from the token whatever the client wrote. `deliveryId` is the same
   * for every post of one client activity (the stream ids of its echoes differ).
   */
  async process(activity: WireActivity, organisationId: string, deliveryId?: string): Promise<void> {
    const inbound = activity as unknown as InboundActivity;
    const conversationId = inbound.conversation.id;
    const reference: DirectLineReference = {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversationId },
      user: { id: inbound.from.id },
      bot: this.account,
    };
    await this.options.bot({
      activity: inbound,
      identity: { channel: 'webchat', userId: inbound.from.id },
      organisationId,
      ...(deliveryId ? { deliveryId } : {}),
      conversationReference: reference as unknown as Record<string, unknown>,
      send: async (activities) => {
        this.append(conversationId, activities, activity.id);
      },
    });
  }

  /** Sends activities into a conversation outside a turn (advisor notes, late feedback). */
  async sendTo(reference: Pick<DirectLineReference, 'conversation'>, activities: readonly OutboundActivity[]): Promise<void> {
    this.append(reference.conversation.id, activities);
  }

  private append(conversationId: string, activities: readonly OutboundActivity[], replyToId?: string): void {
    // Web Chat holds a reply back for up to 5 s until the activity it replies to is on screen; replies to activities
    // the widget never sees (the conversationUpdate, an evicted message) must not name them.
    const keepReplyTo = replyToId !== undefined && this.buffer.find(conversationId, replyToId) !== undefined;
    for (const activity of activities) {
      this.buffer.append(conversationId, {
        ...activity,
        ...(keepReplyTo ? { replyToId } : {}),
        channelId: DIRECT_LINE_CHANNEL_ID,
        serviceUrl: DIRECT_LINE_SERVICE_URL,
        conversation: { id: conversationId },
        from: this.account,
      });
    }
  }
}
