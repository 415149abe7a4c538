import type { OutboundActivity } from '../channel/activity';
import type { TurnMessage } from '../turnEngine';

/** Turns the conversation's channel-neutral messages into activities for one channel (Web Chat, Teams). */
export interface ChannelRenderer {
  render(messages: readonly TurnMessage[]): OutboundActivity[];
}
