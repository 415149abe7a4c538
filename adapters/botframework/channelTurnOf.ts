import { TurnContext, type Activity } from 'botbuilder';
import type { InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelTurn } from '../../bot/channel/channelTurn';
import type { Identity } from '../../bot/records';

/** Sends into a conversation outside a turn, through its reference. */
export type ProactiveSend = (reference: Readonly<Record<string, unknown>>, activities: readonly OutboundActivity[]) => Promise<void>;

/** Channels whose users are known by `from.id` alone (development and Azure's own channels). */
const PLAIN_ID_CHANNELS = new Set(['emulator', 'test', 'directline']);

/**
 * Who the learner is, from what the authenticated Bot Framework channel vouches for: on Teams the Entra object id
 * and tenant, elsewhere the channel's user id. Null for channels the programme does not serve.
 */
export function identityOfActivity(activity: Partial<Activity>): Identity | null {
  const userId = activity.from?.id;
  if (!userId) return null;
  if (activity.channelId === 'msteams') {
    const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    return { channel: 'msteams', userId: activity.from?.aadObjectId ?? userId, ...(tenantId ? { tenantId } : {}) };
  }
  return activity.channelId && PLAIN_ID_CHANNELS.has(activity.channelId) ? { channel: activity.channelId as Identity['channel'], userId } : null;
}

/**
 * The project's view of a Bot Framework turn. In Teams a message can start with "<at>Bot</at>": the mention is
 * removed first, since it is not part of the answer (the text/html copy Teams attaches is never read).
 */
export function channelTurnOf(context: TurnContext, sendProactively?: ProactiveSend): ChannelTurn {
  if (context.activity.channelId === 'msteams') TurnContext.removeRecipientMention(context.activity);
  const activity = context.activity;
  const inbound: InboundActivity = {
    type: activity.type,
    channelId: activity.channelId,
    from: activity.from,
    recipient: activity.recipient,
    conversation: activity.conversation,
    ...(activity.id ? { id: activity.id } : {}),
    ...(activity.text !== undefined ? { text: activity.text } : {}),
    ...(activity.value !== undefined ? { value: activity.value as unknown } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    ...(activity.action ? { action: activity.action } : {}),
    ...(activity.membersAdded ? { membersAdded: activity.membersAdded } : {}),
    ...(activity.channelData !== undefined ? { channelData: activity.channelData as unknown } : {}),
  };
  const conversationReference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>;
  return {
    activity: inbound,
    identity: identityOfActivity(activity),
    conversationReference,
    send: async (activities: readonly OutboundActivity[]) => {
      if (activities.length > 0) await context.sendActivities(activities.map((a) => ({ ...a }) as Partial<Activity>));
    },
    // The turn's context is revoked once the turn has been answered: later messages go proactively.
    ...(sendProactively
      ? {
          sendLater: async (activities: readonly OutboundActivity[]) => {
            if (activities.length > 0) await sendProactively(conversationReference, activities);
          },
        }
      : {}),
  };
}
