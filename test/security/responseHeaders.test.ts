import { DirectLineClient } from '../support/directLineClient';
import { recordFinding } from '../support/findings';
import { startTestServer, type TestServer } from '../support/startTestServer';

/** Text that must never reach a response body: stacks, library messages, internal addresses. */
const INTERNAL_TEXT = /\bat [\w.<>]+ \(|Error:|Unexpected token|JSON at position|ECONN|node_modules|restify|\/work\/|does not exist/;

describe('every response carries the security headers, and no error body carries internal text', () => {
  let server: TestServer;
  let client: DirectLineClient;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://coach.example.org' });
    client = new DirectLineClient(server.url);
    await client.connect();
  });
  afterAll(async () => server?.dispose());

  const requests: { name: string; send: () => Promise<Response>; status: number; page?: boolean }[] = [
    { name: 'the chat page', send: () => fetch(`${server.url}/`), status: 200, page: true },
    { name: 'the privacy page', send: () => fetch(`${server.url}/privacy`), status: 200, page: true },
    { name: '/healthz (JSON)', send: () => fetch(`${server.url}/healthz`), status: 200 },
    { name: 'an unknown page', send: () => fetch(`${server.url}/no/such/page`, { headers: { Accept: 'text/html' } }), status: 404, page: true },
    { name: 'a wrong method', send: () => fetch(`${server.url}/healthz`, { method: 'DELETE' }), status: 405 },
    {
      name: 'malformed JSON',
      send: () => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": ' }),
      status: 400,
    },
    {
      name: 'a gzip body',
      send: () =>
        fetch(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          body: 'not really gzip',
        }),
      status: 415,
    },
    {
      name: 'a Direct Line poll without a token',
      send: () => fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`),
      status: 401,
    },
  ];

  it.each(requests)('$name: nosniff, Referrer-Policy, HSTS, and a body without internal text', async ({ name, send, status }) => {
    const response = await send();
    const body = await response.text();
    recordFinding(
      `${name}: ${response.status}, nosniff ${response.headers.get('x-content-type-options') === 'nosniff'}, ` +
        `Referrer-Policy ${response.headers.get('referrer-policy')}, HSTS ${response.headers.get('strict-transport-security') ?? 'none'}`,
    );
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toMatch(/^(strict-origin-when-cross-origin|no-referrer|same-origin)$/);
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    if (status >= 400) expect(body).not.toMatch(INTERNAL_TEXT);
  });

  it('a 404 does not echo the path it was asked for', async () => {
    const response = await fetch(`${server.url}/%3Cscript%3Ealert(1)%3C%2Fscript%3E/secret-path-x7`);
    const body = await response.text();
    expect(response.status).toBe(404);
    expect(body).not.toMatch(/script|alert|secret-path-x7/i);
    expect(JSON.parse(body)).toEqual({ code: 'ResourceNotFound', message: 'There is nothing at this address.' });
  });

  it('sends no HSTS when the bot is not served over https', async () => {
    const plain = await startTestServer();
    try {
      const response = await fetch(`${plain.url}/healthz`);
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await plain.dispose();
    }
  });

  it('/healthz says the database is down without the driver’s error text', async () => {
    const unreachable = await startTestServer({ MONGODB_URI: 'mongodb://127.0.0.1:9/coach?serverSelectionTimeoutMS=300' });
    try {
      const response = await fetch(`${unreachable.url}/healthz`);
      const body = await response.text();
      recordFinding(`/healthz with MongoDB unreachable: ${response.status} ${body}`);
      expect(response.status).toBe(503);
      expect(JSON.parse(body)).toMatchObject({ status: 'degraded', store: { ok: false, kind: 'mongodb' } });
      expect(body).not.toMatch(INTERNAL_TEXT);
      expect(body).not.toMatch(/127\.0\.0\.1|timed out|Server selection/i);
    } finally {
      await unreachable.dispose();
    }
  });
});
