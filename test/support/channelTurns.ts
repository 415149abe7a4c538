import type { InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot, ChannelTurn } from '../../bot/channel/channelTurn';
import type { Identity } from '../../bot/records';

/** A conversation with the bot without any transport: each activity in, the activities the bot sent out. */
export interface TestConversation {
  /** Sends one activity (a message unless `type` says otherwise) and resolves with what the bot sent in that turn. */
  send(activity: Partial<InboundActivity>): Promise<OutboundActivity[]>;
}

/** Drives `bot` as a channel edge would, with a fixed identity and conversation. */
export function testConversation(bot: ChannelBot, identity: Identity, channelId = 'test'): TestConversation {
  let counter = 0;
  return {
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
        conversationReference: { channelId, conversation: { id: 'conversation-1' } },
        send: async (activities) => {
          sent.push(...activities);
        },
      };
      await bot(turn);
      return sent;
    },
  };
}
