import { FileAdvisorStore } from '../../adapters/storage/file/fileAdvisorStore';
import { newSecret, secretHash } from '../../bot/advisors/signIn/secrets';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import { AdvisorClient } from '../support/advisorClient';
import { ADVISOR_TEST_ENV } from '../support/advisorWorld';
import { startTestServer, type TestServer } from '../support/startTestServer';

/** Links and sessions that have run out, and a client that keeps guessing: a sign-in page or 401, never the dashboard. */
describe('expired links and sessions, and too many sign-in attempts', () => {
  let server: TestServer;
  let advisors: FileAdvisorStore;
  let advisorId: string;

  beforeAll(async () => {
    server = await startTestServer({ ...ADVISOR_TEST_ENV });
    advisors = await FileAdvisorStore.open(server.dataDir);
    advisorId = (
      await advisors.saveAdvisor(
        { organisationId: 'coop-a', name: 'Karin', email: 'karin@coop-a.example', role: 'advisor', locale: 'sv' },
        new Date(),
      )
    ).id;
  });
  afterAll(async () => server?.dispose());

  test('a link past its 72 hours shows the sign-in page with 401', async () => {
    const token = newSecret();
    await advisors.saveSignInLink({
      schemaVersion: RECORD_SCHEMA_VERSION,
      tokenHash: secretHash(token),
      advisorId,
      organisationId: 'coop-a',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const answer = await new AdvisorClient(server.url).signIn(`${server.url}/advisor/sign-in?token=${token}`);
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('Länken fungerar inte');
  });

  test.each([
    [
      'idle for more than 8 hours',
      { createdAt: Date.now() - 9 * 3600_000, lastSeenAt: Date.now() - 8 * 3600_000 - 1000, expiresAt: Date.now() + 3600_000 },
    ],
    ['older than 7 days', { createdAt: Date.now() - 7 * 86_400_000, lastSeenAt: Date.now() - 60_000, expiresAt: Date.now() - 1000 }],
  ])('a session %s is over: 401 and the sign-in page', async (_why, times) => {
    const id = newSecret();
    await advisors.createSession({
      schemaVersion: RECORD_SCHEMA_VERSION,
      idHash: secretHash(id),
      advisorId,
      organisationId: 'coop-a',
      kind: 'link',
      csrfToken: newSecret(),
      createdAt: new Date(times.createdAt).toISOString(),
      lastSeenAt: new Date(times.lastSeenAt).toISOString(),
      expiresAt: new Date(times.expiresAt).toISOString(),
    });
    const client = new AdvisorClient(server.url);
    client.cookies.set('svc_advisor', id);
    const page = await client.get('/advisor');
    expect(page.status).toBe(401);
    expect(page.text).toContain('Du är inte inloggad');
    expect(await advisors.getSession(secretHash(id))).toBeNull();
  });

  test('after 30 sign-in attempts from one address in 15 minutes the next gets 429 with Retry-After', async () => {
    const client = new AdvisorClient(server.url);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 31; attempt += 1) statuses.push((await client.post('/advisor/sign-in', { token: newSecret() })).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(30);
    const limited = await client.post('/advisor/sign-in', { token: newSecret() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(limited.text).toContain('För många inloggningsförsök');
  });
});
