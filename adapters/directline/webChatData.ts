import type { ChannelData } from '../../bot/ports/channelData';
import type { Identity } from '../../bot/records';
import type { ConversationStream } from './conversationStream';
import type { WebChatSessions } from './webChatSessions';
import { conversationIdFor } from './webChatTokens';

/**
 * What the web channel keeps about a web-chat identity outside the Store: its conversation's stream (the transcript,
 * with the learner's words) and its sessions. Erasing ends the sessions first, so no page writes to the stream again,
 * then deletes the stream; a page still open learns on its next poll that the conversation is gone.
 */
export class WebChatData implements ChannelData {
  constructor(
    private readonly stream: ConversationStream,
    private readonly sessions: WebChatSessions,
  ) {}

  async erase(identities: readonly Identity[], reason: 'deleted' | 'unlinked'): Promise<void> {
    for (const identity of identities) {
      if (identity.channel !== 'webchat') continue;
      await this.sessions.end(identity.userId, reason);
      await this.stream.delete(conversationIdFor(identity.userId));
    }
  }
}
