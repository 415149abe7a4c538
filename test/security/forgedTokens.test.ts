import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startBotFrameworkFakes, type BotFrameworkFakes } from '../support/botFrameworkFakes';
import type { ForgeryOptions } from '../support/fakeChannelIssuer';
import { latencySummary, recordFinding, statusSummary } from '../support/findings';
import { storedFiles } from '../support/storedFiles';
import { startTestServer, type TestServer } from '../support/startTestServer';

const APP_ID = '5d2c1a7e-0b9f-4c51-9a3e-2f6b8d4c7a10';
const TENANT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const BOT = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'local-test-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID };
const CONCURRENT = 50;
const UNAUTHORISED = { code: 'Unauthorized', message: 'The request is not authorised.' };

/** A key server that accepts connections and drops them at once: unreachable for HTTP, but it counts the attempts. */
async function startDroppingServer(): Promise<{ url: string; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Volley {
  readonly statuses: number[];
  readonly durationsMs: number[];
  readonly bodies: string[];
  readonly retryAfter: (string | null)[];
}

describe('forged Bot Framework tokens on /api/messages (with an app id)', () => {
  let fakes: BotFrameworkFakes;
  let silenceSdk: jest.SpyInstance;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    silenceSdk = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fakes = await startBotFrameworkFakes(TENANT_ID);
  });
  afterAll(async () => {
    await fakes?.stop();
    silenceSdk?.mockRestore();
  });

  const teamsMessage = () => ({
    type: 'message',
    id: `1700000000${Math.floor(Math.random() * 1e6)}`,
    channelId: 'msteams',
    serviceUrl: fakes.connector.serviceUrl,
    from: { id: `29:${randomUUID()}`, aadObjectId: randomUUID() },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: TENANT_ID },
    recipient: { id: `28:${APP_ID}` },
    text: 'Hello',
  });
  const token = (claims: Record<string, unknown> = {}, forgery: ForgeryOptions = {}) =>
    fakes.issuer.token({ aud: APP_ID, serviceurl: fakes.connector.serviceUrl, ...claims }, forgery);

  const forgeries: { name: string; authorization: () => string }[] = [
    { name: 'alg none', authorization: () => `Bearer ${token({}, { alg: 'none' })}` },
    { name: 'HS256 with a guessed key', authorization: () => `Bearer ${token({}, { alg: 'HS256' })}` },
    { name: 'no key id', authorization: () => `Bearer ${token({}, { kid: null })}` },
    { name: 'expired RS256', authorization: () => `Bearer ${token({ nbf: now() - 7200, exp: now() - 3600 })}` },
    { name: 'unknown key id', authorization: () => `Bearer ${token({}, { kid: `kid-${randomUUID()}`, strangerKey: true })}` },
    { name: 'published key id, forged signature', authorization: () => `Bearer ${token({}, { strangerKey: true })}` },
  ];

  async function volley(server: TestServer, authorization: () => string): Promise<Volley> {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorization() },
          body: JSON.stringify(teamsMessage()),
        });
        const body = await response.text();
        return { status: response.status, durationMs: performance.now() - started, body, retryAfter: response.headers.get('retry-after') };
      }),
    );
    return {
      statuses: results.map((r) => r.status),
      durationsMs: results.map((r) => r.durationMs),
      bodies: results.map((r) => r.body),
      retryAfter: results.map((r) => r.retryAfter),
    };
  }

  describe('while the key server answers', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(BOT, undefined, { botFrameworkEndpoints: fakes.endpoints });
    });
    afterAll(async () => server?.dispose());

    it.each(forgeries)(
      '50 concurrent requests with $name get 401 without running the bot, and no key fetch each',
      async ({ name, authorization }) => {
        const filesBefore = await storedFiles(server.dataDir);
        const repliesBefore = fakes.connector.posts.length;
        const fetchesBefore = fakes.issuer.keyRequests();
        const result = await volley(server, authorization);
        const fetches = fakes.issuer.keyRequests() - fetchesBefore;
        recordFinding(
          `key server up, ${CONCURRENT} × ${name}: ${statusSummary(result.statuses)}; ${latencySummary(result.durationsMs)}; key fetches ${fetches}`,
        );
        expect(result.statuses).toEqual(Array(CONCURRENT).fill(401));
        for (const body of result.bodies) expect(JSON.parse(body)).toEqual(UNAUTHORISED);
        // An unknown key id may make the keys be fetched again, once (then not for five minutes).
        expect(fetches).toBeLessThanOrEqual(name === 'unknown key id' ? 2 : 0);
        expect(await storedFiles(server.dataDir)).toEqual(filesBefore);
        expect(fakes.connector.posts).toHaveLength(repliesBefore);
      },
    );

    it('keeps accepting the channel’s real tokens once the key server has gone, from the keys it fetched', async () => {
      const down = await startTestServer(BOT, undefined, { botFrameworkEndpoints: fakes.endpoints });
      try {
        const genuine = await fetch(`${down.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token()}` },
          body: JSON.stringify(teamsMessage()),
        });
        expect(genuine.status).toBe(200);
        await fakes.issuer.close();
        const forged = await volley(down, () => `Bearer ${token({}, { strangerKey: true })}`);
        const real = await volley(down, () => `Bearer ${token()}`);
        recordFinding(
          `keys cached, key server gone: ${CONCURRENT} × forged signature ${statusSummary(forged.statuses)} (${latencySummary(forged.durationsMs)}); ` +
            `${CONCURRENT} × genuine ${statusSummary(real.statuses)} (${latencySummary(real.durationsMs)})`,
        );
        expect(forged.statuses).toEqual(Array(CONCURRENT).fill(401));
        expect(real.statuses).toEqual(Array(CONCURRENT).fill(200));
      } finally {
        await down.dispose();
      }
    });
  });

  describe('while the key server cannot be reached (and never could)', () => {
    let server: TestServer;
    let keyServer: Awaited<ReturnType<typeof startDroppingServer>>;
    beforeAll(async () => {
      keyServer = await startDroppingServer();
      server = await startTestServer(BOT, undefined, {
        botFrameworkEndpoints: { ...fakes.endpoints, ToBotFromChannelOpenIdMetadataUrl: keyServer.url },
      });
    });
    afterAll(async () => {
      await server?.dispose();
      await keyServer?.close();
    });

    it.each(forgeries.slice(0, 4))(
      '50 concurrent requests with $name still get 401, without trying the key server',
      async ({ name, authorization }) => {
        const attemptsBefore = keyServer.connections();
        const result = await volley(server, authorization);
        recordFinding(`key server down, ${CONCURRENT} × ${name}: ${statusSummary(result.statuses)}; ${latencySummary(result.durationsMs)}`);
        expect(result.statuses).toEqual(Array(CONCURRENT).fill(401));
        expect(keyServer.connections()).toBe(attemptsBefore);
      },
    );

    it('50 concurrent well-formed tokens get 503 with Retry-After and a fixed message, after at most one attempt to fetch the keys', async () => {
      const repliesBefore = fakes.connector.posts.length;
      const result = await volley(server, () => `Bearer ${token()}`);
      recordFinding(
        `key server down, ${CONCURRENT} × well-formed RS256: ${statusSummary(result.statuses)}; ${latencySummary(result.durationsMs)}; ` +
          `key server connections since start ${keyServer.connections()}`,
      );
      expect(result.statuses).toEqual(Array(CONCURRENT).fill(503));
      for (const [at, body] of result.bodies.entries()) {
        expect(JSON.parse(body)).toEqual({ code: 'ServiceUnavailable', message: expect.stringMatching(/try again shortly/) });
        expect(Number(result.retryAfter[at])).toBeGreaterThan(0);
        expect(body).not.toMatch(/127\.0\.0\.1|fetch|socket|ECONN|Error/);
      }
      // The start-up warm-up is the only attempt: the next is no sooner than 30 s after it failed.
      expect(keyServer.connections()).toBeLessThanOrEqual(2);
      expect(fakes.connector.posts).toHaveLength(repliesBefore);
    });
  });
});
