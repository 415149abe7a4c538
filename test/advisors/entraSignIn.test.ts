import { FileAdvisorStore } from '../../adapters/storage/file/fileAdvisorStore';
import { freePort } from '../../scripts/freePort';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { ADVISOR_TEST_ENV, invite } from '../support/advisorWorld';
import { startOpenIdProvider, type LocalOpenIdProvider } from '../support/oidcProvider';
import { startTestServer, type TestServer } from '../support/startTestServer';

jest.setTimeout(90_000);

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Advisors' Entra sign-in (OpenID Connect code flow with PKCE, openid-client) against a real OpenID provider on 127.0.0.1. */
describe('signing in with Entra', () => {
  let provider: LocalOpenIdProvider;
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startOpenIdProvider({
      clientId: 'advisor-dashboard',
      clientSecret: 'a-client-secret-for-the-local-provider',
      redirectUri: `${publicUrl}/advisor/entra/callback`,
      accounts: {
        karin: { email: 'karin@coop-a.example', email_verified: true, tid: TENANT, oid: 'oid-karin', name: 'Karin' },
        mallory: { email: 'mallory@coop-a.example', email_verified: false, tid: TENANT, oid: 'oid-mallory', name: 'Mallory' },
        stranger: { email: 'stranger@elsewhere.example', email_verified: true, tid: TENANT, oid: 'oid-stranger', name: 'Stranger' },
      },
    });
    server = await startTestServer({
      ...ADVISOR_TEST_ENV,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      ENTRA_ISSUER: provider.issuer,
      ENTRA_CLIENT_ID: 'advisor-dashboard',
      ENTRA_CLIENT_SECRET: 'a-client-secret-for-the-local-provider',
    });
    await invite(server.dataDir, server.url, 'coop-a', 'Karin Rådgivare', 'karin@coop-a.example');
    await invite(server.dataDir, server.url, 'coop-a', 'Mallory', 'mallory@coop-a.example');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await provider?.stop();
  });

  async function signInAs(login: string): Promise<string> {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(`${server.url}/advisor`);
    await page.getByRole('link', { name: /Logga in med Microsoft|Sign in with Microsoft/ }).click();
    await page.locator('input[name="login"]').fill(login);
    await page
      .locator('input[name="password"]')
      .fill('any')
      .catch(() => undefined);
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
    await Promise.race([consent.waitFor({ timeout: 5000 }).then(() => consent.click()), page.waitForURL(/\/advisor(\?|$)/, { timeout: 5000 })]).catch(
      () => undefined,
    );
    await page.waitForURL((url) => url.pathname === '/advisor' || url.pathname === '/advisor/entra/callback', { timeout: 10_000 });
    await page.waitForLoadState('load');
    return page.locator('main').innerText();
  }

  test('an invited advisor whose verified email matches signs in, is linked, and signs in again by tenant and object id', async () => {
    expect(await signInAs('karin')).toContain('Deltagare');
    expect(await browser.page.locator('header').innerText()).toContain('Karin Rådgivare');
    const advisors = await FileAdvisorStore.open(server.dataDir);
    expect(await advisors.findAdvisorByEntra(TENANT, 'oid-karin')).toMatchObject({ email: 'karin@coop-a.example' });
    expect(await signInAs('karin')).toContain('Deltagare');
  });

  test('an unverified email or an account that is no advisor gets the sign-in page, never the dashboard', async () => {
    expect(await signInAs('mallory')).toMatch(/hör inte till någon rådgivare|does not belong to an advisor/);
    expect(await signInAs('stranger')).toMatch(/hör inte till någon rådgivare|does not belong to an advisor/);
    expect(browser.page.url()).toContain('/advisor/entra/callback');
    expect(await browser.page.locator('main').innerText()).not.toContain('Deltagare');
  });

  test('a callback that this browser did not start, or that is replayed, is refused', async () => {
    const forged = await fetch(`${server.url}/advisor/entra/callback?code=abc&state=${'S'.repeat(43)}`, { redirect: 'manual' });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toMatch(/Inloggningen med Microsoft misslyckades|Signing in with Microsoft failed/);
  });
});
