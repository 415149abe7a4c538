import type { InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot, ChannelTurn } from '../../bot/channel/channelTurn';
import type { Identity } from '../../bot/records';

/** A conversation with the bot without any transport: each activity in, the activities the bot sent out. */
export interface TestConversation {
  /** Sends one activity (a message unless `type` says otherwise) and resolves with what the bot sent in that turn. */
  send(activity: Partial<InboundActivity>): Promise<OutboundActivity[]>;
  /** Everything the bot sent in this conversation, in order, including what it sent after a turn had ended. */
  readonly transcript: readonly OutboundActivity[];
}

export interface TestConversationOptions {
  /** The organisation the edge vouches for (as the web widget's token does). */
  readonly organisationId?: string;
}

/** Drives `bot` as a channel edge would, with a fixed identity and conversation. */
export function testConversation(bot: ChannelBot, identity: Identity, channelId = 'test', options: TestConversationOptions = {}): TestConversation {
  let counter = 0;
  const transcript: OutboundActivity[] = [];
  return {
    transcript,
    async send(activity) {
      const sent: OutboundActivity[] = [];
      counter += 1;
      const turn: ChannelTurn = {
        activity: {
          type: 'message',
          id: `activity-${counter}`,
          channelId,
          from: { id: identity.userId },
          recipient: { id: 'bot' },
          conversation: { id: 'conversation-1' },
          ...activity,
        },
        identity,
        ...(options.organisationId ? { organisationId: options.organisationId } : {}),
        conversationReference: { channelId, conversation: { id: 'conversation-1' } },
        send: async (activities) => {
          sent.push(...activities);
          transcript.push(...activities);
        },
      };
      await bot(turn);
      // What the turn itself sent: anything the bot sends later through `send` goes to the transcript only.
      return [...sent];
    },
  };
}
