import type { TurnContext } from 'botbuilder';
import type { Identity } from './records';

/**
 * Who the learner is, from what the server can trust: on Teams the Entra object id and tenant that the
 * authenticated Bot Framework channel vouches for; on the self-hosted web chat the id the server put
 * into the signed token (the Direct Line routes overwrite `from.id`). Null for channels we do not serve.
 */
export function identityOf(context: TurnContext, isSelfHostedWebChat: (context: TurnContext) => boolean): Identity | null {
  const { activity } = context;
  const userId = activity.from?.id;
  if (!userId) return null;
  if (isSelfHostedWebChat(context)) return { channel: 'webchat', userId };
  switch (activity.channelId) {
    case 'msteams': {
      const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      return { channel: 'msteams', userId: activity.from.aadObjectId ?? userId, ...(tenantId ? { tenantId } : {}) };
    }
    case 'emulator':
    case 'test':
    case 'directline':
      return { channel: activity.channelId, userId };
    default:
      return null;
  }
}
