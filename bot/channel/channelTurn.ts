import type { Identity } from '../records';
import type { InboundActivity, OutboundActivity } from './activity';

/** One incoming activity as a channel edge hands it to the bot, with the means to answer in that conversation. */
export interface ChannelTurn {
  readonly activity: InboundActivity;
  /** Who sent it, as far as the edge can vouch for it (never what a client merely claims); null when it cannot. */
  readonly identity: Identity | null;
  /**
   * The organisation the edge can vouch for (the web widget's signed token names it). Unset, the organisation is
   * decided from the identity (a Teams user's tenant).
   */
  readonly organisationId?: string;
  /**
   * The id under which a redelivery of this activity is recognised, when it is not the activity's own id (a Direct
   * Line echo gets a new stream id each time the client posts; the client's own id stays the same).
   */
  readonly deliveryId?: string;
  /**
   * Where the conversation can be reached later (advisor notes, reminders): opaque JSON that only the edge that
   * made it can use, kept with the learner's progress.
   */
  readonly conversationReference: Readonly<Record<string, unknown>>;
  /** Sends activities into the conversation, in order, as replies to this activity. */
  send(activities: readonly OutboundActivity[]): Promise<void>;
  /**
   * Sends activities into the conversation after this turn has ended (the AI coach's reply, typing while it works).
   * Teams: a proactive message through the conversation reference. Unset where `send` works at any time.
   */
  sendLater?(activities: readonly OutboundActivity[]): Promise<void>;
}

/** What a channel edge runs for every incoming activity. */
export type ChannelBot = (turn: ChannelTurn) => Promise<void>;
