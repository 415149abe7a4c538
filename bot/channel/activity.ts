/**
 * The Bot Framework activity protocol as this bot reads and writes it, in types the project owns. Channel edges
 * (adapters/botframework for Teams and Azure channels, adapters/directline for the embedded widget) translate
 * to and from them, so that nothing outside those folders depends on an SDK's types.
 */

/** A person or bot in a conversation. */
export interface ChannelAccount {
  readonly id: string;
  readonly name?: string;
  /** Teams: the Entra object id of the user. */
  readonly aadObjectId?: string;
  readonly role?: string;
}

/** An incoming activity, narrowed to what the bot reads. */
export interface InboundActivity {
  /** 'message', 'conversationUpdate', 'installationUpdate', 'messageUpdate', 'messageDelete', 'event', 'typing', … */
  readonly type: string;
  /** The channel's id of the activity; a redelivery carries the same id. */
  readonly id?: string;
  readonly channelId: string;
  readonly text?: string;
  /** A button's or card's value (Action.Submit data merged with the card's inputs). */
  readonly value?: unknown;
  /** BCP 47 tag the client reports. */
  readonly locale?: string;
  /** installationUpdate: 'add' or 'remove'. */
  readonly action?: string;
  readonly membersAdded?: readonly ChannelAccount[];
  readonly from: ChannelAccount;
  readonly recipient: ChannelAccount;
  readonly conversation: { readonly id: string; readonly tenantId?: string };
  readonly channelData?: unknown;
}

/** A button: Web Chat's messageBack, Teams' imBack. */
export interface CardAction {
  readonly type: 'messageBack' | 'imBack' | 'postBack' | 'openUrl';
  readonly title: string;
  readonly value?: unknown;
  readonly text?: string;
  readonly displayText?: string;
}

export interface Attachment {
  readonly contentType: string;
  readonly content?: unknown;
  readonly contentUrl?: string;
  readonly name?: string;
}

/** An activity the bot sends; plain JSON, in the shape every Bot Framework channel accepts. */
export interface OutboundActivity {
  readonly type: 'message' | 'typing';
  readonly text?: string;
  readonly textFormat?: 'markdown' | 'plain';
  /** Teams shows it in notifications and the chat list instead of "sent a card". */
  readonly summary?: string;
  /** BCP 47 language of the text, so screen readers and Web Chat mark it up correctly. */
  readonly locale?: string;
  readonly attachments?: readonly Attachment[];
  readonly suggestedActions?: { readonly to: readonly string[]; readonly actions: readonly CardAction[] };
  readonly channelData?: Readonly<Record<string, unknown>>;
}
