import { randomUUID } from 'node:crypto';
import type { ConnectorPost, FakeConnector } from './fakeConnector';

interface CardAction {
  readonly type: string;
  readonly title?: string;
  readonly data?: { readonly choice?: string };
}

/**
 * A learner in Teams personal chat: posts activities shaped as Teams sends them to the bot's real
 * /api/messages, and reads the replies the bot sends to the local connector.
 */
export class TeamsUser {
  readonly aadObjectId = randomUUID();
  readonly conversationId = `a:1${randomUUID().replace(/-/g, '')}`;
  readonly botId = '28:00000000-0000-0000-0000-00000000b07';
  /** How requests are sent (default: fetch), e.g. one connection per request behind a load balancer. */
  fetcher: typeof fetch = fetch;
  private sequence = 1_700_000_000_000;
  private seen = 0;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly locale = 'sv-SE',
    /** The user's Entra tenant: an organisation listing it in teamsTenantIds is theirs. */
    readonly tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47',
  ) {}

  /** The fields every activity from Teams personal chat carries. */
  base(type: string): Record<string, unknown> {
    return {
      type,
      id: String(++this.sequence),
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.serviceUrl,
      channelId: 'msteams',
      from: { id: `29:1${this.aadObjectId}`, name: 'Amina Ali', aadObjectId: this.aadObjectId },
      conversation: { conversationType: 'personal', tenantId: this.tenantId, id: this.conversationId },
      recipient: { id: this.botId, name: 'Coach' },
      locale: this.locale,
      entities: [{ type: 'clientInfo', locale: this.locale, country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' }],
      channelData: { tenant: { id: this.tenantId } },
    };
  }

  /** Posts one activity and returns the bot's replies to it. */
  async post(activity: Record<string, unknown>): Promise<ConnectorPost['activity'][]> {
    const response = await this.fetcher(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status >= 300) throw new Error(`POST /api/messages → ${response.status} ${await response.text()}`);
    return this.newReplies();
  }

  /** Typed text, with the text/html attachment Teams adds to every message. */
  say(text: string, extra: Record<string, unknown> = {}): Promise<ConnectorPost['activity'][]> {
    return this.post({
      ...this.base('message'),
      text,
      textFormat: 'plain',
      attachments: [{ contentType: 'text/html', content: `<p>${text}</p>` }],
      ...extra,
    });
  }

  /** Taps a button from the latest replies: a card's Action.Submit with this choice, or else a suggested action (imBack) with this label. */
  async tap(choice: string, label: string): Promise<ConnectorPost['activity'][]> {
    const replies = this.latest;
    for (const reply of replies) {
      const submit = cardActions(reply).find((action) => action.type === 'Action.Submit' && action.data?.choice === choice);
      if (submit)
        return this.post({
          ...this.base('message'),
          value: { ...submit.data },
          channelData: { tenant: { id: this.tenantId }, source: { name: 'message' } },
        });
    }
    const suggested = replies.flatMap(
      (r) => ((r.suggestedActions as { actions?: CardAction[] } | undefined)?.actions ?? []) as (CardAction & { value?: string })[],
    );
    const action = suggested.find((a) => a.title === label);
    if (!action) throw new Error(`no button for ${choice} / ${label} in the latest replies:\n${JSON.stringify(replies, null, 1).slice(0, 3000)}`);
    return this.say(String(action.value ?? action.title));
  }

  /** The bot's replies to the last activity posted. */
  latest: ConnectorPost['activity'][] = [];

  private newReplies(): ConnectorPost['activity'][] {
    // Other users may share the connector: only replies to this user's conversation are theirs.
    const replies = this.connector.posts
      .slice(this.seen)
      .filter((p) => decodeURIComponent(p.path).includes(`/conversations/${this.conversationId}/`))
      .map((p) => p.activity)
      .filter((a) => a.type === 'message');
    this.seen = this.connector.posts.length;
    this.latest = replies;
    return replies;
  }
}

/** Every action anywhere in an activity's Adaptive Cards. */
export function cardActions(activity: Record<string, unknown>): CardAction[] {
  const found: CardAction[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Action.')) found.push(record as unknown as CardAction);
      Object.values(record).forEach(visit);
    }
  };
  visit(activity.attachments ?? []);
  return found;
}

/** All text a learner would read in these replies: message text and card TextBlocks. */
export function readableTeams(replies: readonly Record<string, unknown>[]): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') texts.push(record[key]);
      Object.values(record).forEach(visit);
    }
  };
  replies.forEach((reply) => {
    if (typeof reply.text === 'string') texts.push(reply.text);
    visit(reply.attachments ?? []);
    visit(reply.suggestedActions ?? []);
  });
  return texts.join('\n');
}
