import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { AdvisorClient } from '../support/advisorClient';
import { ADVISOR_TEST_ENV, invite } from '../support/advisorWorld';
import { startTestServer, type TestServer } from '../support/startTestServer';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '5e1f0c2a-7d44-4b8e-9a51-3c2d1e0f9a77';
const HOST = 'coach.example.org';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * The advisor Teams tab's sign-in: the token teams-js `authentication.getAuthToken()` gives, checked by the server with
 * jose against a locally generated key set standing in for Entra's.
 */
describe('the advisor Teams tab', () => {
  let server: TestServer;
  let entraKeys: KeyPair;
  let strangerKeys: KeyPair;

  beforeAll(async () => {
    entraKeys = await generateKeyPair('RS256');
    strangerKeys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(entraKeys.publicKey)), kid: 'entra-key-1', alg: 'RS256', use: 'sig' };
    server = await startTestServer({ ...ADVISOR_TEST_ENV, PUBLIC_URL: `https://${HOST}`, TEAMS_SSO_CLIENT_ID: CLIENT_ID }, undefined, {
      app: { teamsTabKeys: createLocalJWKSet({ keys: [jwk] }) },
    });
    await invite(server.dataDir, server.url, 'coop-a', 'Karin Rådgivare', 'karin@coop-a.example');
  });
  afterAll(async () => server?.dispose());

  async function token(claims: JWTPayload = {}, options: { keys?: KeyPair; kid?: string; alg?: string; expiresIn?: string } = {}): Promise<string> {
    const payload: JWTPayload = {
      aud: `api://${HOST}/${CLIENT_ID}`,
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      tid: TENANT,
      oid: 'oid-karin',
      preferred_username: 'karin@coop-a.example',
      scp: 'access_as_user',
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? 'entra-key-1' })
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign((options.keys ?? entraKeys).privateKey);
  }

  async function tabSignIn(bearer: string): Promise<{ status: number; cookie: string }> {
    const response = await fetch(`${server.url}/advisor/tab/session`, { method: 'POST', headers: { Authorization: `Bearer ${bearer}` } });
    return { status: response.status, cookie: response.headers.getSetCookie().join('\n') };
  }

  test('the tab page loads the Teams library from the bot and may be framed by Teams only', async () => {
    const response = await fetch(`${server.url}/advisor/tab`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('src="/advisor/assets/teams-js.js"');
    expect(response.headers.get('content-security-policy')).toMatch(
      /frame-ancestors https:\/\/teams\.microsoft\.com https:\/\/\*\.teams\.microsoft\.com/,
    );
    const library = await fetch(`${server.url}/advisor/assets/teams-js.js`);
    expect(library.status).toBe(200);
    expect(await library.text()).toContain('getAuthToken');
    expect((await fetch(`${server.url}/advisor`)).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  test('a valid token of a tenant’s advisor starts a tab session, in a cookie Teams’ frame can carry, on a dashboard Teams may frame', async () => {
    const { status, cookie } = await tabSignIn(await token());
    expect(status).toBe(200);
    expect(cookie).toMatch(/^svc_advisor_tab=[A-Za-z0-9_-]{43}; Path=\/advisor; HttpOnly; Secure; Partitioned; SameSite=None$/);
    const client = new AdvisorClient(server.url);
    client.cookies.set('svc_advisor_tab', /svc_advisor_tab=([^;]+)/.exec(cookie)![1]!);
    const page = await client.get('/advisor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Inloggad som Karin Rådgivare');
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors https://teams.microsoft.com');
    // Linked by tenant + object id now: the next token needs no user name.
    expect((await tabSignIn(await token({ preferred_username: undefined }))).status).toBe(200);
  });

  test.each([
    ['signed by a key Entra does not publish', () => token({}, { keys: strangerKeys })],
    ['expired', () => token({}, { expiresIn: '-10m' })],
    ['for another app', () => token({ aud: `api://${HOST}/00000000-0000-4000-8000-000000000000` })],
    ['issued by another tenant than it names', () => token({ iss: 'https://login.microsoftonline.com/11111111-1111-4111-8111-111111111111/v2.0' })],
    ['without the access_as_user scope', () => token({ scp: 'User.Read' })],
    ['of a user who is no advisor', () => token({ oid: 'oid-someone', preferred_username: 'someone@coop-a.example' })],
    [
      'of an advisor’s email in a tenant their organisation does not list',
      () =>
        token({
          tid: '0b0b0b0b-0000-4000-8000-00000000000b',
          iss: 'https://login.microsoftonline.com/0b0b0b0b-0000-4000-8000-00000000000b/v2.0',
          oid: 'oid-x',
        }),
    ],
    ['that is not a token at all', async () => 'not.a.token-at-all-but-long-enough'],
  ])('a token %s gets 401 and no session', async (_why, make) => {
    const { status, cookie } = await tabSignIn(await make());
    expect(status).toBe(401);
    expect(cookie).toBe('');
  });

  test('a v1 token (issuer sts.windows.net, audience the client id) is accepted too', async () => {
    expect((await tabSignIn(await token({ iss: `https://sts.windows.net/${TENANT}/`, aud: CLIENT_ID }))).status).toBe(200);
  });

  test('with an https PUBLIC_URL the web sign-in’s session cookie is Secure as well', async () => {
    const client = new AdvisorClient(server.url);
    const page = await client.get((await invite(server.dataDir, server.url, 'coop-a', 'Per', 'per@coop-a.example')).replace(/^https?:\/\/[^/]+/, ''));
    const token = /name="token" value="([^"]+)"/.exec(page.text)![1]!;
    const answer = await client.request('POST', '/advisor/sign-in', new URLSearchParams({ token }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: server.url,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.getSetCookie().join('\n')).toMatch(/^svc_advisor=[A-Za-z0-9_-]{43}; Path=\/advisor; HttpOnly; Secure; SameSite=Lax$/m);
  });

  test('no token at all is 401', async () => {
    expect((await fetch(`${server.url}/advisor/tab/session`, { method: 'POST' })).status).toBe(401);
  });
});
