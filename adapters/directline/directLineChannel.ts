import type { ChannelAccount, InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import type { ConversationStream, StreamableActivity } from './conversationStream';
import { WEB_CHAT_LIMITS } from './webChatLimits';

export interface DirectLineChannelOptions {
  /** Where the learner's messages and the replies are appended for the widget to poll. */
  readonly stream: ConversationStream;
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

/** A reply larger than the stream keeps; a bug in what the bot sends, not something a learner can cause. */
export class ReplyTooLargeError extends Error {
  constructor(bytes: number) {
    super(`a reply of ${bytes} bytes is larger than the web chat keeps (${WEB_CHAT_LIMITS.botActivityBytes} bytes)`);
    this.name = 'ReplyTooLargeError';
  }
}

/**
 * The self-hosted web channel: runs the bot for each activity the widget posts, and appends the learner's message and
 * whatever the bot sends to the conversation's stream, where the Web Chat widget picks them up on its next poll.
 */
export class DirectLineChannel {
  readonly account: ChannelAccount;
  readonly stream: ConversationStream;

  constructor(private readonly options: DirectLineChannelOptions) {
    this.stream = options.stream;
    this.account = { id: options.botId, name: options.botName, role: 'bot' };
  }

  /**
   * Runs one turn for an activity from the widget (already stamped by the routes with the token's learner and
   * conversation); resolves when the bot has answered. The learner and organisation are the ones the token names.
   *
   * `echo` is the learner's message as the widget shows it: Web Chat marks a message as sent when it sees it come back
   * in the stream. It is appended once the turn has been taken in (before the first reply, or when the turn ends), so
   * a message shown as sent is one the bot has handled. Resolves with the echo's stream id. `deliveryId` is the same
   * for every post of one client activity (the activity's own id differs each time).
   */
  async process(activity: InboundActivity, organisationId: string, echo?: StreamableActivity, deliveryId?: string): Promise<string | undefined> {
    const conversationId = activity.conversation.id;
    let echoId: string | undefined;
    let echoPending = echo !== undefined;
    const appendEcho = async () => {
      if (!echoPending || !echo) return;
      echoId = (await this.stream.append(conversationId, [this.stamped(conversationId, echo)]))[0]?.id;
      echoPending = false;
    };
    // A reply that could not be appended never reaches the page: the turn fails, and the page sends its message again.
    let lostReply: { error: unknown } | undefined;
    // One send at a time, so a typing indicator started by a timer never lands after the reply it announced.
    let sending: Promise<void> = Promise.resolve();
    const send = (activities: readonly OutboundActivity[]) => {
      const replies = activities.some((outbound) => outbound.type !== 'typing');
      sending = sending
        .catch(() => undefined)
        .then(async () => {
          if (replies) await appendEcho();
          await this.appendReplies(conversationId, activities, echoId);
        })
        .catch((error: unknown) => {
          if (replies) lostReply ??= { error };
          throw error;
        });
      return sending;
    };
    const reference: DirectLineReference = {
      channelId: DIRECT_LINE_CHANNEL_ID,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversationId },
      user: { id: activity.from.id },
      bot: this.account,
    };
    try {
      await this.options.bot({
        activity,
        identity: { channel: 'webchat', userId: activity.from.id },
        organisationId,
        ...(deliveryId ? { deliveryId } : {}),
        conversationReference: reference as unknown as Record<string, unknown>,
        send,
      });
    } finally {
      await sending.catch(() => undefined);
      if (!lostReply) await appendEcho();
    }
    if (lostReply) throw lostReply.error;
    return echoId;
  }

  /** Sends activities into a conversation outside a turn (advisor notes, late feedback). */
  async sendTo(reference: Pick<DirectLineReference, 'conversation'>, activities: readonly OutboundActivity[]): Promise<void> {
    await this.appendReplies(reference.conversation.id, activities);
  }

  private async appendReplies(conversationId: string, activities: readonly OutboundActivity[], replyToId?: string): Promise<void> {
    const replies = activities.map((activity) => ({
      ...this.stamped(conversationId, activity),
      from: this.account,
      ...(replyToId ? { replyToId } : {}),
    }));
    for (const reply of replies) {
      const bytes = Buffer.byteLength(JSON.stringify(reply));
      if (bytes > WEB_CHAT_LIMITS.botActivityBytes) throw new ReplyTooLargeError(bytes);
    }
    if (replies.length > 0) await this.stream.append(conversationId, replies);
  }

  private stamped<A extends StreamableActivity>(conversationId: string, activity: A): A & StreamableActivity {
    return { ...activity, channelId: DIRECT_LINE_CHANNEL_ID, serviceUrl: DIRECT_LINE_SERVICE_URL, conversation: { id: conversationId } };
  }
}
