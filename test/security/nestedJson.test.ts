import { WEB_CHAT_LIMITS } from '../../adapters/directline/webChatLimits';
import { DirectLineClient, readable } from '../support/directLineClient';
import { recordFinding } from '../support/findings';
import { startTestServer, type TestServer } from '../support/startTestServer';

/** {"a":{"a":…1…}} nested `depth` levels, as text (building it as a value would itself need a deep stack to print). */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('deeply nested JSON gets 400 (413 when longer than the endpoint takes) with a clear message, never 500', () => {
  let server: TestServer;
  let client: DirectLineClient;
  beforeAll(async () => {
    server = await startTestServer({ UNAUTHENTICATED_MESSAGES_PER_MINUTE: '10000' });
    client = new DirectLineClient(server.url);
    await client.connect();
  });
  afterAll(async () => server?.dispose());

  const teamsActivity = (field: 'value' | 'channelData', nested: string) =>
    `{"type":"message","id":"1","channelId":"msteams","serviceUrl":"http://127.0.0.1:9/","from":{"id":"29:u"},` +
    `"conversation":{"id":"a:c"},"recipient":{"id":"28:b"},"text":"hi","${field}":${nested}}`;
  const webActivity = (field: 'value' | 'channelData', nested: string) => `{"type":"message","text":"hi","${field}":${nested}}`;

  const post = (path: string, body: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });

  const cases = [
    { depth: 2000, shape: 'objects', nested: nestedObjects(2000), expect: /nests more than 64 levels/ },
    // Larger than any activity Direct Line takes: refused from its length (413) before it is read.
    { depth: 100_000, shape: 'arrays', nested: nestedArrays(100_000), expect: /nests more than 64 levels|may be at most \d+ bytes/ },
    { depth: 20, shape: 'objects', nested: nestedObjects(20), expect: /nests more than 16 levels/ },
  ];

  it.each(
    cases.flatMap((c) =>
      (['value', 'channelData'] as const).flatMap((field) => [
        { ...c, field, endpoint: '/api/messages' },
        { ...c, field, endpoint: 'Direct Line' },
      ]),
    ),
  )('$endpoint: $field nested $depth levels deep ($shape)', async ({ endpoint, field, nested, depth, shape, expect: message }) => {
    const response =
      endpoint === '/api/messages'
        ? await post('/api/messages', teamsActivity(field, nested))
        : await post(`/v3/directline/conversations/${client.conversationId}/activities`, webActivity(field, nested), client.token);
    const body = await response.text();
    recordFinding(`${endpoint} ${field} ${shape} depth ${depth}: ${response.status} ${body.slice(0, 120)}`);
    const tooLongForDirectLine = endpoint === 'Direct Line' && nested.length > WEB_CHAT_LIMITS.messageBytes;
    expect(response.status).toBe(tooLongForDirectLine ? 413 : 400);
    expect(body).toMatch(message);
    expect(body).not.toMatch(/stack|RangeError|Maximum call/i);
  });

  it.each(['/api/messages', 'Direct Line'])('%s: a value that is too long as JSON gets 400 naming the limit', async (endpoint) => {
    const long = JSON.stringify({ notes: 'x'.repeat(70_000) });
    const response =
      endpoint === '/api/messages'
        ? await post('/api/messages', teamsActivity('value', long))
        : await post(`/v3/directline/conversations/${client.conversationId}/activities`, webActivity('value', long), client.token);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/longer than \d+ characters as JSON/);
  });

  it('keeps serving the learner afterwards', async () => {
    expect(readable(await client.press('en', 'English'))).toContain('Is that OK?');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
