/** A bot activity as the Direct Line endpoint returns it. */
export interface WireActivity {
  readonly id: string;
  readonly type: string;
  readonly text?: string;
  readonly from: { readonly id: string; readonly role?: string };
  readonly suggestedActions?: { readonly actions: readonly { readonly title: string; readonly value?: unknown }[] };
  readonly attachments?: readonly { readonly contentType: string; readonly content?: unknown; readonly contentUrl?: string }[];
  readonly channelData?: Record<string, unknown>;
}

/**
 * Talks to the bot's self-hosted Direct Line endpoint over real HTTP, the way the Web Chat widget does:
 * a session token, a conversation, posted activities and watermark polling.
 */
export class DirectLineClient {
  /** The access token (Authorization: Bearer). */
  token = '';
  /** What a page keeps to come back as the same learner. */
  resumeKey = '';
  conversationId = '';
  userId = '';
  private watermark = '';

  /** `fetcher`: how requests are sent (default: fetch), e.g. one connection per request behind a load balancer. */
  constructor(
    private readonly baseUrl: string,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  /**
   * Opens a session (with an earlier resume key: as the same learner) and starts the conversation. Returns the bot's
   * first messages. With a grant (see embedGrant) the session is the embedding organisation's, as the chat page opens it.
   */
  async connect(resumeKey?: string, grant?: string): Promise<WireActivity[]> {
    const session = await this.request('POST', '/api/webchat/session', {
      ...(resumeKey ? { resume: resumeKey } : {}),
      ...(grant ? { grant } : {}),
    });
    this.token = session.token as string;
    this.resumeKey = session.resume as string;
    this.userId = session.userId as string;
    const started = await this.request('POST', '/v3/directline/conversations', {});
    this.conversationId = started.conversationId as string;
    this.watermark = '';
    return this.botActivities();
  }

  /** Sends typed text; resolves with the bot's replies to it. */
  async say(text: string): Promise<WireActivity[]> {
    await this.post({ type: 'message', text, from: { id: 'spoofed-by-client' } });
    return this.botActivities();
  }

  /** Presses a button: a message with the choice value, as Web Chat sends a messageBack. */
  async press(choice: string, label = choice): Promise<WireActivity[]> {
    await this.post({ type: 'message', text: label, value: { choice }, channelData: { postBack: true } });
    return this.botActivities();
  }

  async post(activity: Record<string, unknown>): Promise<string> {
    const response = await this.request('POST', `/v3/directline/conversations/${this.conversationId}/activities`, activity);
    return response.id as string;
  }

  /** Bot messages that arrived since the last poll. */
  async botActivities(): Promise<WireActivity[]> {
    return (await this.poll()).filter((a) => a.from.role === 'bot' && a.type === 'message');
  }

  /** Every activity that arrived since the last poll (all of the stream with `from: 'start'`). */
  async poll(from: 'last' | 'start' = 'last'): Promise<WireActivity[]> {
    const watermark = from === 'start' ? '' : this.watermark;
    const page = await this.request('GET', `/v3/directline/conversations/${this.conversationId}/activities?watermark=${watermark}`);
    this.watermark = page.watermark as string;
    return page.activities as WireActivity[];
  }

  private async request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await this.fetcher(`${this.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}

/** Everything a learner would read in these activities (text and button titles). */
export function readable(activities: readonly WireActivity[]): string {
  return activities.map((a) => [a.text ?? '', ...(a.suggestedActions?.actions.map((action) => action.title) ?? [])].join('\n')).join('\n');
}

/**
 * The grant inside the chat page an organisation's website frames, fetched as the browser fetches the frame (its
 * Sec-Fetch-Dest and the website's Referer). Throws when the bot refuses to serve the page.
 */
export async function embedGrant(botUrl: string, organisationId: string, website: string): Promise<string> {
  const response = await fetch(`${botUrl}/embed/${organisationId}?mode=panel`, { headers: { 'Sec-Fetch-Dest': 'iframe', Referer: `${website}/` } });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET /embed/${organisationId} from ${website} → ${response.status}`);
  const config = /<script type="application\/json" id="svc-config">([^<]*)<\/script>/.exec(html)?.[1];
  if (!config) throw new Error('the chat page carries no configuration');
  return (JSON.parse(config) as { grant: string }).grant;
}
