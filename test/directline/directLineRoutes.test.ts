import type { WireActivity } from '../../adapters/directline/conversationStream';
import type { DirectLineReference } from '../../adapters/directline/directLineChannel';
import { CONVERSATION_ENDED_EVENT } from '../../adapters/directline/directLineRoutes';
import type { ChannelAccount, InboundActivity, OutboundActivity } from '../../bot/channel/activity';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import { startDirectLineHarness, type DirectLineHarness } from '../support/directLineHarness';

/** Greets new members, echoes messages, and remembers what it was given. */
class EchoBot {
  readonly seen: InboundActivity[] = [];
  readonly references: DirectLineReference[] = [];

  readonly run: ChannelBot = async (turn) => {
    const { activity } = turn;
    this.seen.push(activity);
    this.references.push(turn.conversationReference as unknown as DirectLineReference);
    if (activity.type === 'conversationUpdate') {
      const added = (activity.membersAdded ?? []).filter((member) => member.id !== activity.recipient.id);
      if (added.length > 0) await turn.send([{ type: 'message', text: 'Welcome to the programme!' }]);
      return;
    }
    if (activity.type !== 'message') return;
    const text = activity.text ?? '';
    if (text === 'crash') throw new Error('the bot broke');
    await turn.send([{ type: 'typing' }]);
    const actions = ['Yes', 'No'].map((title) => ({ type: 'imBack' as const, title, value: title }));
    await turn.send([{ type: 'message', text: `You said: ${text.slice(0, 20)}`, suggestedActions: { to: [], actions } }]);
  };
}

interface Session {
  token: string;
  conversationId: string;
  expires_in: number;
  userId: string;
  resume: string;
}

interface ActivitySet {
  activities: (WireActivity & Partial<Omit<OutboundActivity, 'type'>> & { from: ChannelAccount; replyToId?: string; channelData?: unknown })[];
  watermark: string;
}

describe('self-hosted Direct Line endpoint', () => {
  let harness: DirectLineHarness;
  let bot: EchoBot;

  beforeEach(async () => {
    bot = new EchoBot();
    harness = await startDirectLineHarness({ bot: bot.run });
  });

  afterEach(async () => {
    await harness.dispose();
  });

  async function call(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${harness.baseUrl}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as unknown };
  }

  async function newSession(resume?: string): Promise<Session> {
    const response = await call('POST', '/api/webchat/session', { body: resume ? { resume } : {} });
    expect(response.status).toBe(200);
    return response.body as Session;
  }

  async function start(session: Session): Promise<{ conversationId: string; token: string }> {
    const response = await call('POST', '/v3/directline/conversations', { token: session.token, body: { user: { id: 'whatever' } } });
    expect(response.status).toBe(201);
    return response.body as { conversationId: string; token: string };
  }

  async function poll(conversationId: string, token: string, watermark = ''): Promise<ActivitySet> {
    const response = await call('GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { token });
    expect(response.status).toBe(200);
    return response.body as ActivitySet;
  }

  async function post(conversationId: string, token: string, activity: Record<string, unknown>) {
    return call('POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: activity });
  }

  const messageFrom = (id: string, text: string, clientActivityID = `client-${text}`) => ({
    type: 'message',
    text,
    from: { id, name: 'Someone', role: 'user' },
    channelData: { clientActivityID },
  });

  test('a session names a new learner and their conversation, with a short-lived token and a resume key', async () => {
    const session = await newSession();

    expect(session.userId).toMatch(/^wl_/);
    expect(session.conversationId).toMatch(/^dl_/);
    expect(session.token).toMatch(/^wc2\./);
    expect(session.expires_in).toBe(1800);
    expect(session.resume).toMatch(/^wr1\./);
  });

  test('starting the conversation sends the bot a conversationUpdate, and its greeting is on the first poll', async () => {
    const session = await newSession();
    const conversation = await start(session);

    expect(conversation.conversationId).toBe(session.conversationId);
    const update = bot.seen.find((activity) => activity.type === 'conversationUpdate');
    expect(update?.membersAdded).toEqual([{ id: session.userId }]);
    expect(update?.recipient?.id).toBe('programme-bot');

    const first = await poll(conversation.conversationId, conversation.token);
    expect(first.activities.map((activity) => activity.text)).toEqual(['Welcome to the programme!']);
    expect(first.activities[0]).toMatchObject({
      type: 'message',
      from: { id: 'programme-bot', name: 'Programme Bot', role: 'bot' },
      conversation: { id: session.conversationId },
      channelId: 'directline',
    });
    // A reply to the unseen conversationUpdate must not name it, or Web Chat holds the reply back.
    expect(first.activities[0]?.replyToId).toBeUndefined();
    expect(typeof first.watermark).toBe('string');
  });

  test('a posted message is echoed, then the bot reply follows it; the id comes back after the bot has run', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const greeting = await poll(conversationId, token);

    const posted = await post(conversationId, token, messageFrom(session.userId, 'hello'));
    expect(posted.status).toBe(200);
    const { id } = posted.body as { id: string };

    const after = await poll(conversationId, token, greeting.watermark);
    const messages = after.activities.filter((activity) => activity.type === 'message');
    expect(messages.map((activity) => [activity.from.role, activity.text])).toEqual([
      ['user', 'hello'],
      ['bot', 'You said: hello'],
    ]);
    expect(messages[0]?.id).toBe(id);
    expect(messages[0]?.channelData).toEqual({ clientActivityID: 'client-hello' });
    expect(messages[1]?.replyToId).toBe(id);
    expect(messages[1]?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Yes', 'No']);
    expect(Date.parse(String(messages[1]?.timestamp))).toBeGreaterThan(Date.parse(String(messages[0]?.timestamp)));
  });

  test('the watermark returns only newer activities, and an empty watermark returns everything again', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const first = await poll(conversationId, token);

    const nothingNew = await poll(conversationId, token, first.watermark);
    expect(nothingNew.activities).toEqual([]);
    expect(nothingNew.watermark).toBe(first.watermark);

    await post(conversationId, token, messageFrom(session.userId, 'one'));
    const second = await poll(conversationId, token, first.watermark);
    expect(second.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual(['one', 'You said: one']);
    expect(Number(second.watermark)).toBeGreaterThan(Number(first.watermark));

    await post(conversationId, token, messageFrom(session.userId, 'two'));
    const third = await poll(conversationId, token, second.watermark);
    expect(third.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual(['two', 'You said: two']);

    const everything = await poll(conversationId, token);
    expect(everything.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual([
      'Welcome to the programme!',
      'one',
      'You said: one',
      'two',
      'You said: two',
    ]);
  });

  test('the typing indicator reaches the widget, and a newer activity supersedes it', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const first = await poll(conversationId, token);
    await harness.channel.sendTo(bot.references[0]!, [{ type: 'typing' }]);

    const typing = await poll(conversationId, token, first.watermark);
    expect(typing.activities.map((activity) => activity.type)).toEqual(['typing']);

    await post(conversationId, token, messageFrom(session.userId, 'hi'));
    const everything = await poll(conversationId, token);
    expect(everything.activities.filter((activity) => activity.type === 'typing')).toEqual([]);
  });

  test('the server decides who the user is: a spoofed from.id is replaced by the token learner', async () => {
    const victim = await newSession();
    const attacker = await newSession();
    const { conversationId, token } = await start(attacker);

    await post(conversationId, token, messageFrom(victim.userId, 'I am someone else'));

    const echoed = (await poll(conversationId, token)).activities.find((activity) => activity.text === 'I am someone else');
    expect(echoed?.from).toEqual({ id: attacker.userId, role: 'user' });
    const seenByBot = bot.seen.find((activity) => activity.text === 'I am someone else');
    expect(seenByBot?.from).toEqual({ id: attacker.userId, role: 'user' });
    expect(seenByBot?.conversation?.id).toBe(attacker.conversationId);
    expect(seenByBot?.recipient?.id).toBe('programme-bot');
  });

  test("a token for another learner's conversation is 403, and the bot never sees the message", async () => {
    const owner = await newSession();
    const ownerConversation = await start(owner);
    const other = await newSession();

    const read = await call('GET', `/v3/directline/conversations/${ownerConversation.conversationId}/activities`, { token: other.token });
    const write = await post(ownerConversation.conversationId, other.token, messageFrom(other.userId, 'let me in'));

    expect(read).toEqual({ status: 403, body: { error: { code: 'Forbidden', message: expect.any(String) } } });
    expect(write.status).toBe(403);
    expect(bot.seen.some((activity) => activity.text === 'let me in')).toBe(false);
  });

  test('requests without a token, or with a forged one, are 401', async () => {
    const session = await newSession();
    const { conversationId } = await start(session);
    const forged = `${session.token.slice(0, -2)}xx`;

    for (const token of [undefined, forged, 'not-a-token']) {
      const read = await call('GET', `/v3/directline/conversations/${conversationId}/activities`, { token });
      const write = await post(conversationId, token as string, messageFrom(session.userId, 'x'));
      const begin = await call('POST', '/v3/directline/conversations', { token });
      const refresh = await call('POST', '/v3/directline/tokens/refresh', { token });
      for (const response of [read, write, begin, refresh]) {
        expect(response).toEqual({ status: 401, body: { error: { code: 'Unauthorized', message: expect.any(String) } } });
      }
    }
  });

  test('an expired token is 403 TokenExpired, which Direct Line clients treat as "refresh or reconnect"', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    harness.clock.advanceSeconds(1801);

    const read = await call('GET', `/v3/directline/conversations/${conversationId}/activities`, { token });
    expect(read).toEqual({ status: 403, body: { error: { code: 'TokenExpired', message: expect.any(String) } } });
  });

  test('an unknown conversation is 404', async () => {
    const session = await newSession();
    const read = await call('GET', '/v3/directline/conversations/dl_nobody/activities', { token: session.token });
    expect(read).toEqual({ status: 404, body: { error: { code: 'NotFound', message: expect.any(String) } } });
  });

  test('a page reloaded a week later comes back with its resume key as the same learner, with the history', async () => {
    const session = await newSession();
    await start(session);
    harness.clock.advanceSeconds(7 * 24 * 3600 - 60);

    const resumed = await newSession(session.resume);
    expect(resumed.userId).toBe(session.userId);
    expect(resumed.conversationId).toBe(session.conversationId);
    expect(resumed.token).not.toBe(session.token);

    const again = await start(resumed);
    expect(again.conversationId).toBe(session.conversationId);
    const history = await poll(again.conversationId, again.token);
    expect(history.activities.map((activity) => activity.text)).toEqual(['Welcome to the programme!', 'Welcome to the programme!']);
  });

  test('a session with a forged resume key, an access token, or a key unused for longer than the resume window starts a new learner', async () => {
    const session = await newSession();
    const forged = await newSession(`${session.resume.slice(0, -2)}xx`);
    expect(forged.userId).not.toBe(session.userId);
    const withAccessToken = (await call('POST', '/api/webchat/session', { body: { resume: session.token } })).body as Session;
    expect(withAccessToken.userId).not.toBe(session.userId);

    harness.clock.advanceSeconds(30 * 24 * 3600 + 60);
    const tooOld = await newSession(session.resume);
    expect(tooOld.userId).not.toBe(session.userId);
  });

  test('the session endpoint copes with no body and with a body that is not JSON', async () => {
    const none = await call('POST', '/api/webchat/session');
    const text = await call('POST', '/api/webchat/session', { rawBody: 'hello', contentType: 'text/plain' });

    expect(none.status).toBe(200);
    expect((none.body as Session).userId).toMatch(/^wl_/);
    expect(text.status).toBe(200);
  });

  test('tokens/generate issues a new learner and tokens/refresh keeps learner and conversation', async () => {
    const generated = (await call('POST', '/v3/directline/tokens/generate')).body as Session;
    expect(generated.userId).toMatch(/^wl_/);

    harness.clock.advanceSeconds(60);
    const refreshed = await call('POST', '/v3/directline/tokens/refresh', { token: generated.token });
    expect(refreshed.status).toBe(200);
    const body = refreshed.body as { token: string; conversationId: string; expires_in: number };
    expect(body.conversationId).toBe(generated.conversationId);
    expect(body.token).not.toBe(generated.token);
    expect(body.expires_in).toBe(1800);
    expect((await poll(generated.conversationId, body.token)).activities).toEqual([]);
  });

  test('GET on a conversation reconnects without greeting again', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const updatesBefore = bot.seen.filter((activity) => activity.type === 'conversationUpdate').length;

    const reconnect = await call('GET', `/v3/directline/conversations/${conversationId}?watermark=`, { token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body).toMatchObject({ conversationId, token: expect.any(String) });
    expect(bot.seen.filter((activity) => activity.type === 'conversationUpdate')).toHaveLength(updatesBefore);
  });

  test.each([
    ['a message over 100,000 characters', { type: 'message', text: 'x'.repeat(100_001) }],
    ['an unknown type', { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] }],
    ['a message without text or value', { type: 'message' }],
    ['an event without a name', { type: 'event', value: { a: 1 } }],
    ['no activity at all', undefined],
  ])('%s is refused with 400 and never reaches the bot', async (_name, activity) => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const seenBefore = bot.seen.length;

    const response = activity
      ? await post(conversationId, token, activity)
      : await call('POST', `/v3/directline/conversations/${conversationId}/activities`, { token, rawBody: 'not json', contentType: 'text/plain' });

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).toEqual({ error: { code: expect.stringMatching(/^(BadArgument|PayloadTooLarge)$/), message: expect.any(String) } });
    expect(bot.seen).toHaveLength(seenBefore);
  });

  test('an event or message larger than the endpoint takes is refused with 413, and never kept', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const before = await poll(conversationId, token);

    const event = await post(conversationId, token, { type: 'event', name: 'flood', value: { blob: 'x'.repeat(5000) } });
    const message = await post(conversationId, token, { type: 'message', text: 'x'.repeat(50_000), value: { blob: 'y'.repeat(9000) } });
    const channelData = await post(conversationId, token, { type: 'message', text: 'x', channelData: { blob: 'z'.repeat(3000) } });

    expect(event).toEqual({ status: 413, body: { error: { code: 'PayloadTooLarge', message: expect.stringContaining('4096 bytes') } } });
    expect(message).toEqual({ status: 413, body: { error: { code: 'PayloadTooLarge', message: expect.stringContaining('value') } } });
    expect(channelData).toEqual({ status: 413, body: { error: { code: 'PayloadTooLarge', message: expect.stringContaining('channelData') } } });
    expect((await poll(conversationId, token, before.watermark)).activities).toEqual([]);
  });

  test('the on-screen copy of a message keeps only what the widget shows, its text cut at the longest answer', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const first = await poll(conversationId, token);

    const long = 'å'.repeat(12_000);
    await post(conversationId, token, {
      ...messageFrom(session.userId, long, 'client-long'),
      entities: [{ type: 'ClientCapabilities' }],
      localTimezone: 'Europe/Stockholm',
    });

    const echo = (await poll(conversationId, token, first.watermark)).activities.find((activity) => activity.from.role === 'user');
    expect(echo?.text).toBe(`${'å'.repeat(10_000)} …`);
    expect(echo?.channelData).toEqual({ clientActivityID: 'client-long' });
    expect(echo).not.toHaveProperty('entities');
    expect(bot.seen.find((activity) => activity.type === 'message')?.text).toBe(long);
  });

  test('card submits and events arrive with their value', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);

    await post(conversationId, token, { type: 'message', value: { answer: 'b' }, channelData: { postBack: true } });
    await post(conversationId, token, { type: 'event', name: 'webchat/join', value: { locale: 'sv-SE' } });

    expect(bot.seen.find((activity) => activity.type === 'message')?.value).toEqual({ answer: 'b' });
    expect(bot.seen.find((activity) => activity.type === 'event')).toMatchObject({ name: 'webchat/join', value: { locale: 'sv-SE' } });
    const stream = await poll(conversationId, token);
    expect(stream.activities.filter((activity) => activity.type === 'event')).toEqual([]);
  });

  test('a restarted server serves the same stream, and a watermark from before the restart still works', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    await post(conversationId, token, messageFrom(session.userId, 'before'));
    const seen = await poll(conversationId, token);
    await harness.close();

    harness = await startDirectLineHarness({ bot: bot.run, dataDir: harness.dataDir, clock: harness.clock });
    await post(conversationId, token, messageFrom(session.userId, 'after'));

    const everything = await poll(conversationId, token);
    expect(everything.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual([
      'Welcome to the programme!',
      'before',
      'You said: before',
      'after',
      'You said: after',
    ]);
    const since = await poll(conversationId, token, seen.watermark);
    expect(since.activities.filter((a) => a.type === 'message').map((a) => a.text)).toEqual(['after', 'You said: after']);
  });

  test("when the learner's data is deleted, the stream is gone, the page learns it on its next poll, and the token works for nothing else", async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    await post(conversationId, token, messageFrom(session.userId, 'my secret venture'));

    await harness.webChatData.erase([{ channel: 'webchat', userId: session.userId }], 'deleted');
    await harness.channel.sendTo({ conversation: { id: conversationId } }, [{ type: 'message', text: 'Everything is deleted.' }]);

    const after = await poll(conversationId, token);
    expect(after.activities.map((activity) => activity.text ?? activity.name)).toEqual(['Everything is deleted.', CONVERSATION_ENDED_EVENT]);
    expect(JSON.stringify(after)).not.toContain('my secret venture');
    expect((await post(conversationId, token, messageFrom(session.userId, 'again'))).status).toBe(403);
    expect((await call('POST', '/v3/directline/tokens/refresh', { token })).status).toBe(403);
    const comeBack = await newSession(session.resume);
    expect(comeBack.userId).not.toBe(session.userId);
  });

  test('when the bot logic throws, the echo stays and the route answers 500 with a clear message', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);

    const response = await post(conversationId, token, messageFrom(session.userId, 'crash'));

    expect(response).toEqual({ status: 500, body: { error: { code: 'BotError', message: 'The bot failed while handling this activity.' } } });
    expect(harness.errors).toEqual([expect.objectContaining({ message: 'the bot broke' })]);
    const stream = await poll(conversationId, token);
    expect(stream.activities.map((activity) => activity.text)).toContain('crash');
  });

  test('a proactive message reaches the conversation through its stored reference', async () => {
    const session = await newSession();
    const { conversationId, token } = await start(session);
    const reference = bot.references[0]!;
    const first = await poll(conversationId, token);

    await harness.channel.sendTo(reference, [{ type: 'message', text: 'Your advisor left you feedback.' }]);

    const later = await poll(conversationId, token, first.watermark);
    expect(later.activities.map((activity) => [activity.from.id, activity.text])).toEqual([['programme-bot', 'Your advisor left you feedback.']]);
  });
});
