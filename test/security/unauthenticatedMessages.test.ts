import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { storedFiles } from '../support/storedFiles';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { recordFinding, statusSummary } from '../support/findings';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { startTestServer, type TestServer } from '../support/startTestServer';

const LIMIT = 20;
const ATTEMPTS = 30;

describe('/api/messages without an app id (development only)', () => {
  let server: TestServer;
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
    server = await startTestServer({ UNAUTHENTICATED_MESSAGES_PER_MINUTE: String(LIMIT) });
  });
  afterAll(async () => {
    await server?.dispose();
    await connector?.close();
  });

  /** A message from a Teams user nobody vouched for: anyone who can reach the endpoint can claim any identity. */
  const impostor = () =>
    JSON.stringify({
      type: 'message',
      id: String(Date.now()) + Math.random(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: `29:${randomUUID()}`, aadObjectId: randomUUID() },
      conversation: { id: `a:${randomUUID()}`, tenantId: 'any-tenant' },
      recipient: { id: '28:bot' },
      value: { choice: 'en' },
    });

  /** Posts from a chosen loopback address (fetch cannot choose its source address). */
  const postFrom = (localAddress: string) =>
    new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const body = impostor();
      const req = request(
        {
          host: hostname,
          port,
          path: '/api/messages',
          method: 'POST',
          localAddress,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}) }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it(`lets one address make ${LIMIT} requests a minute and answers the rest 429 with Retry-After, without storing them`, async () => {
    const answers: { status: number; retryAfter?: string }[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) answers.push(await postFrom('127.0.0.1'));
    const learners = await storedFiles(server.dataDir, join(server.dataDir, 'learners'));
    const neighbour = await postFrom('127.0.0.2');
    recordFinding(
      `${ATTEMPTS} impostor messages from one address, limit ${LIMIT}/min: ${statusSummary(answers.map((a) => a.status))}; learners stored ${learners.length}; ` +
        `another address meanwhile ${neighbour.status}`,
    );
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(200));
    expect(answers.slice(LIMIT).map((a) => a.status)).toEqual(Array(ATTEMPTS - LIMIT).fill(429));
    expect(Number(answers.at(-1)!.retryAfter)).toBeGreaterThan(0);
    expect(learners.length).toBeLessThanOrEqual(LIMIT);
    expect(neighbour.status).toBe(200);
  });

  it('is refused at start-up in production unless explicitly allowed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId: is required in production/);
  });
});
