import { randomUUID } from 'node:crypto';
import { startBotFrameworkFakes, type BotFrameworkFakes } from '../support/botFrameworkFakes';
import { startFakeManagedIdentityEndpoint, type FakeManagedIdentityEndpoint } from '../support/fakeManagedIdentityEndpoint';
import { storedFiles } from '../support/storedFiles';
import { startTestServer, type TestServer } from '../support/startTestServer';

// With a user-assigned managed identity the bot's app id is the identity's client id, and there is no password.
const CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TENANT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const managedIdentityBot = { MicrosoftAppId: CLIENT_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID };
// Other ways the Azure SDK could find credentials; cleared so only the fake App Service endpoint can answer.
const OTHER_AZURE_CREDENTIALS = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_USERNAME',
  'MSI_ENDPOINT',
  'IDENTITY_SERVER_THUMBPRINT',
  'IMDS_ENDPOINT',
];

describe('/api/messages for a bot that runs under a user-assigned managed identity', () => {
  let fakes: BotFrameworkFakes;
  let identity: FakeManagedIdentityEndpoint;
  let server: TestServer;
  let silenceSdkErrors: jest.SpyInstance;
  const environmentBefore = { ...process.env };

  beforeAll(async () => {
    silenceSdkErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fakes = await startBotFrameworkFakes(TENANT_ID);
    identity = await startFakeManagedIdentityEndpoint();
    for (const name of OTHER_AZURE_CREDENTIALS) delete process.env[name];
    Object.assign(process.env, identity.environment);
    server = await startTestServer(managedIdentityBot, undefined, { botFrameworkEndpoints: fakes.endpoints });
  });
  afterAll(async () => {
    await server?.dispose();
    await identity?.close();
    await fakes?.stop();
    for (const name of [...OTHER_AZURE_CREDENTIALS, 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER']) {
      if (environmentBefore[name] === undefined) delete process.env[name];
      else process.env[name] = environmentBefore[name];
    }
    silenceSdkErrors?.mockRestore();
  });

  const teamsMessage = (overrides: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `1700000000${Math.floor(Math.random() * 1e6)}`,
    channelId: 'msteams',
    serviceUrl: fakes.connector.serviceUrl,
    from: { id: `29:${randomUUID()}`, aadObjectId: randomUUID() },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: TENANT_ID },
    recipient: { id: `28:${CLIENT_ID}` },
    text: 'Hello',
    ...overrides,
  });

  const post = (activity: object, authorization?: string) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify(activity),
    });

  it('refuses a request without a token, before the bot runs', async () => {
    const filesBefore = await storedFiles(server.dataDir);
    const response = await post(teamsMessage());
    expect(response.status).toBe(401);
    expect(await storedFiles(server.dataDir)).toEqual(filesBefore);
    expect(fakes.connector.posts).toEqual([]);
  });

  it('refuses a token made out to another app id', async () => {
    const response = await post(teamsMessage(), `Bearer ${fakes.issuer.token({ aud: randomUUID(), serviceurl: fakes.connector.serviceUrl })}`);
    expect(response.status).toBe(401);
    expect(fakes.connector.posts).toEqual([]);
  });

  it('accepts a channel token for the identity and replies with a token from the managed identity endpoint', async () => {
    const activity = teamsMessage();
    const response = await post(activity, `Bearer ${fakes.issuer.token({ aud: CLIENT_ID, serviceurl: fakes.connector.serviceUrl })}`);
    expect(response.status).toBe(200);

    expect(identity.tokenRequests).toHaveLength(1);
    const [tokenRequest] = identity.tokenRequests;
    expect(tokenRequest!.identityHeader).toBe(identity.environment.IDENTITY_HEADER);
    expect(tokenRequest!.query).toMatchObject({ resource: 'https://api.botframework.com', client_id: CLIENT_ID });
    expect(fakes.login.tokenRequests).toEqual([]);

    const replies = fakes.connector.posts.filter((post) => post.activity.type === 'message');
    expect(replies.map((reply) => reply.activity.text).join('\n')).toContain('choose a language');
    for (const reply of fakes.connector.posts) expect(reply.authorization).toBe(`Bearer ${tokenRequest!.issued}`);
  });
});
