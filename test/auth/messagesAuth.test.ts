import { randomUUID } from 'node:crypto';
import { startBotFrameworkFakes, type BotFrameworkFakes } from '../support/botFrameworkFakes';
import type { ForgeryOptions } from '../support/fakeChannelIssuer';
import { storedFiles } from '../support/storedFiles';
import { startTestServer, type TestServer } from '../support/startTestServer';

const APP_ID = '5d2c1a7e-0b9f-4c51-9a3e-2f6b8d4c7a10';
const TENANT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const PASSWORD = 'local-test-secret';
const singleTenantBot = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: PASSWORD, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID };

interface PostedReplies {
  readonly activities?: readonly { readonly type: string; readonly text?: string }[];
}

describe('/api/messages with a SingleTenant Bot Framework registration', () => {
  let fakes: BotFrameworkFakes;
  let server: TestServer;
  let filesAtStart: string[];
  let silenceSdkErrors: jest.SpyInstance;

  beforeAll(async () => {
    // The SDK prints every refused token with console.error (the running bot routes the console to its logger).
    silenceSdkErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fakes = await startBotFrameworkFakes(TENANT_ID);
    server = await startTestServer(singleTenantBot, undefined, { botFrameworkEndpoints: fakes.endpoints });
    filesAtStart = await storedFiles(server.dataDir);
  });
  afterAll(async () => {
    await server?.dispose();
    await fakes?.stop();
    silenceSdkErrors?.mockRestore();
  });

  /** A first message from a Teams user in a personal chat, as the Teams channel posts it. */
  const teamsMessage = (overrides: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `1700000000${Math.floor(Math.random() * 1e6)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: fakes.connector.serviceUrl,
    from: { id: `29:${randomUUID()}`, aadObjectId: randomUUID(), name: 'Amina' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: TENANT_ID },
    recipient: { id: `28:${APP_ID}`, name: 'Programme bot' },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-GB',
    text: 'Hello',
    ...overrides,
  });

  const channelToken = (claims: Record<string, unknown> = {}, forgery: ForgeryOptions = {}) =>
    fakes.issuer.token({ aud: APP_ID, serviceurl: fakes.connector.serviceUrl, ...claims }, forgery);

  const post = (activity: object, authorization?: string) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity),
    });

  const hour = 3600;
  const now = () => Math.floor(Date.now() / 1000);

  describe('refuses with 401, and the bot does not run, when the request carries', () => {
    it.each<{ name: string; authorization: () => string | undefined; activity?: Record<string, unknown> }>([
      { name: 'no Authorization header', authorization: () => undefined },
      { name: 'a bearer that is not a JWT', authorization: () => 'Bearer this-is-not-a-jwt' },
      { name: 'a token under another scheme', authorization: () => `Basic ${channelToken()}` },
      { name: 'a token from another issuer', authorization: () => `Bearer ${channelToken({ iss: 'https://sts.example.org/' })}` },
      { name: 'a token for another bot (audience)', authorization: () => `Bearer ${channelToken({ aud: randomUUID() })}` },
      { name: 'an expired token', authorization: () => `Bearer ${channelToken({ nbf: now() - 3 * hour, exp: now() - hour })}` },
      { name: 'a token that is not valid yet', authorization: () => `Bearer ${channelToken({ nbf: now() + hour, exp: now() + 2 * hour })}` },
      {
        name: 'a token for another serviceUrl',
        authorization: () => `Bearer ${channelToken({ serviceurl: 'https://smba.trafficmanager.net/emea/' })}`,
      },
      { name: 'a token of the right issuer signed by an unknown key', authorization: () => `Bearer ${channelToken({}, { strangerKey: true })}` },
      { name: 'a token whose key id the issuer never published', authorization: () => `Bearer ${channelToken({}, { kid: 'someone-elses-key' })}` },
      { name: 'an unsigned token (alg none)', authorization: () => `Bearer ${channelToken({}, { alg: 'none' })}` },
      {
        name: 'a token signed by a key not endorsed for the channel',
        authorization: () => `Bearer ${channelToken()}`,
        activity: { channelId: 'webchat' },
      },
    ])('$name', async ({ authorization, activity }) => {
      const response = await post(teamsMessage(activity), authorization());
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 'Unauthorized', message: 'The request is not authorised.' });
      expect(await storedFiles(server.dataDir)).toEqual(filesAtStart);
      expect(fakes.connector.posts).toEqual([]);
      expect(fakes.login.tokenRequests).toEqual([]);
    });
  });

  describe('accepts a token the channel signed', () => {
    it('runs the bot and replies through the connector with a token from the bot tenant', async () => {
      const activity = teamsMessage();
      const response = await post(activity, `Bearer ${channelToken()}`);
      expect(response.status).toBe(200);

      expect(fakes.login.tokenRequests).toHaveLength(1);
      const [tokenRequest] = fakes.login.tokenRequests;
      expect(tokenRequest!.path).toBe(`/${TENANT_ID}/oauth2/v2.0/token`);
      expect(tokenRequest!.form).toMatchObject({
        grant_type: 'client_credentials',
        client_id: APP_ID,
        client_secret: PASSWORD,
        scope: 'https://api.botframework.com/.default',
      });

      const replies = fakes.connector.posts.filter((post) => post.activity.type === 'message');
      expect(replies.length).toBeGreaterThan(0);
      for (const reply of fakes.connector.posts) {
        expect(reply.authorization).toBe(`Bearer ${tokenRequest!.issued}`);
        expect(reply.path).toBe(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`);
      }
      expect(replies.map((reply) => reply.activity.text).join('\n')).toContain('choose a language');
      expect((await storedFiles(server.dataDir)).length).toBeGreaterThan(filesAtStart.length);
    });

    it('returns the replies in the response for deliveryMode expectReplies, without calling the connector', async () => {
      const postsBefore = fakes.connector.posts.length;
      const response = await post(teamsMessage({ deliveryMode: 'expectReplies' }), `Bearer ${channelToken()}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as PostedReplies;
      expect(body.activities?.map((reply) => reply.text ?? '').join('\n')).toContain('choose a language');
      expect(fakes.connector.posts).toHaveLength(postsBefore);
    });
  });
});
