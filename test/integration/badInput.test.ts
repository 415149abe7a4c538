import { DirectLineClient, readable } from '../support/directLineClient';
import { startTestServer, type TestServer } from '../support/startTestServer';

describe('bad requests get a clear error and the server keeps serving', () => {
  let server: TestServer;
  let client: DirectLineClient;
  beforeAll(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: '4096' });
    client = new DirectLineClient(server.url);
    await client.connect();
  });
  afterAll(async () => server.dispose());

  const post = (path: string, body: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });

  const endpoints = () => [
    { name: '/api/messages', path: '/api/messages', token: undefined },
    { name: 'Direct Line activities', path: `/v3/directline/conversations/${client.conversationId}/activities`, token: client.token },
  ];

  it.each(['/api/messages', 'Direct Line activities'])('%s answers malformed JSON with 400 and a message', async (name) => {
    const endpoint = endpoints().find((e) => e.name === name)!;
    const response = await post(endpoint.path, '{"type": "message", "text": ', endpoint.token);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/json/i);
  });

  it.each(['/api/messages', 'Direct Line activities'])('%s answers an oversized body with 413', async (name) => {
    const endpoint = endpoints().find((e) => e.name === name)!;
    const response = await post(endpoint.path, JSON.stringify({ type: 'message', text: 'x'.repeat(10_000) }), endpoint.token);
    expect(response.status).toBe(413);
    expect(JSON.stringify(await response.json())).toMatch(/exceeds 4096/);
  });

  it.each([
    ['an empty object', {}],
    ['a message without sender or conversation', { type: 'message', text: 'hi' }],
    [
      'a serviceUrl that is not a URL',
      { type: 'message', text: 'hi', channelId: 'test', serviceUrl: 'nope', from: { id: 'u' }, conversation: { id: 'c' }, recipient: { id: 'b' } },
    ],
  ])('/api/messages answers %s with 400 naming what is missing', async (_name, body) => {
    const response = await post('/api/messages', JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'BadActivity', message: expect.stringMatching(/^Not a valid activity: /) });
  });

  it('/api/messages answers a body that is not JSON with 415', async () => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBe(415);
  });

  it('answers a Direct Line activity that is not an activity with 400', async () => {
    const response = await post(`/v3/directline/conversations/${client.conversationId}/activities`, JSON.stringify({ type: 42 }), client.token);
    expect(response.status).toBe(400);
  });

  it('still serves the learner after all that', async () => {
    expect(readable(await client.press('sv', 'Svenska'))).toContain('Är det okej?');
    expect(readable(await client.press('consent-yes'))).toContain('Vad heter du i förnamn?');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { ok: true, kind: 'file' } });
  });
});

describe('a client starting new conversations in a loop', () => {
  it('gets 429 with Retry-After past the limit of new learners per address, while conversations already started carry on', async () => {
    const server = await startTestServer({ WEBCHAT_SESSIONS_PER_MINUTE: '4' });
    try {
      const learner = new DirectLineClient(server.url);
      await learner.connect();
      const session = () =>
        fetch(`${server.url}/api/webchat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      for (let started = 1; started < 4; started += 1) expect((await session()).status).toBe(200);
      const refused = await session();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
      expect(readable(await learner.press('en', 'English'))).toContain('Is that OK?');
      expect(readable(await learner.press('consent-yes'))).toContain('What is your first name?');
    } finally {
      await server.dispose();
    }
  });
});
