import type { ConsoleMessage } from 'playwright-core';
import { embedGrant } from '../support/directLineClient';
import { snippetPage, startCooperativeSite, type CooperativeSite } from '../support/cooperativeSite';
import { COOPERATIVE, startEmbedScenario, type EmbedScenario } from '../support/embedScenario';

/** POST /api/webchat/session as a page on `headers`' origin would send it. */
async function askForSession(botUrl: string, body: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(`${botUrl}/api/webchat/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { token?: string; error?: { code: string; message: string } } };
}

describe('a website the cooperative does not list gets no chat', () => {
  let scenario: EmbedScenario;
  let elsewhere: CooperativeSite;
  const sessionRequests: string[] = [];

  beforeAll(async () => {
    scenario = await startEmbedScenario();
    elsewhere = await startCooperativeSite('127.0.0.3');
    scenario.browser.page.on('request', (request) => {
      if (request.url().endsWith('/api/webchat/session')) sessionRequests.push(request.frame().url());
    });
  }, 60_000);
  afterAll(async () => {
    await scenario?.close();
    await elsewhere?.close();
  });

  it('Given the snippet on an unlisted origin, no launcher appears and the console names the origin to add', async () => {
    const { page } = scenario.browser;
    elsewhere.serve('/', snippetPage({ botUrl: scenario.server.url, organisationId: COOPERATIVE }));
    const warned = page.waitForEvent('console', {
      predicate: (message: ConsoleMessage) => message.type() === 'warning' && message.text().startsWith('Social venture coach:'),
      timeout: 10_000,
    });
    await page.goto(`${elsewhere.origin}/`);

    const warning = (await warned).text();
    expect(warning).toContain(`Organisation "${COOPERATIVE}" does not offer its chat on ${elsewhere.origin}.`);
    expect(warning).toContain(`must list ${elsewhere.origin} in allowedOrigins`);
    await expect(page.locator('[data-social-venture-coach]').count()).resolves.toBe(0);
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    // The one global is there, and does nothing.
    await expect(
      page.evaluate(() => (window as unknown as { SocialVentureCoach: { open(): void } }).SocialVentureCoach.open()),
    ).resolves.toBeUndefined();
    await expect(page.locator('iframe').count()).resolves.toBe(0);
  });

  it('Given the snippet with a data-org the bot does not know, the console says so', async () => {
    const { page } = scenario.browser;
    scenario.site.serve('/unknown.html', snippetPage({ botUrl: scenario.server.url, organisationId: 'no-such-coop' }));
    const warned = page.waitForEvent('console', {
      predicate: (message: ConsoleMessage) => message.type() === 'warning' && message.text().startsWith('Social venture coach:'),
      timeout: 10_000,
    });
    await page.goto(`${scenario.site.origin}/unknown.html`);

    expect((await warned).text()).toBe(
      'Social venture coach: There is no organisation "no-such-coop". (404: data-org="no-such-coop" names no organisation of this bot)',
    );
    await expect(page.locator('[data-social-venture-coach]').count()).resolves.toBe(0);
  });

  it('Given the chat page framed by hand on that origin (with or without a referrer), the frame shows no chat and opens no session', async () => {
    const { page } = scenario.browser;
    const chatUrl = `${scenario.server.url}/embed/${COOPERATIVE}?mode=panel&lang=en`;
    elsewhere.serve(
      '/framed.html',
      `<!doctype html><html lang="en"><head><title>Framed</title></head><body>
<iframe id="with-referrer" title="chat" src="${chatUrl}"></iframe>
<iframe id="without-referrer" title="chat" src="${chatUrl}" referrerpolicy="no-referrer"></iframe>
</body></html>`,
    );
    sessionRequests.length = 0;
    await page.goto(`${elsewhere.origin}/framed.html`);

    for (const id of ['with-referrer', 'without-referrer']) {
      const frame = page.frameLocator(`#${id}`);
      await frame.getByText('This chat is only shown on the organisation’s own website.').waitFor({ timeout: 10_000 });
      await expect(frame.locator('#svc-webchat').count()).resolves.toBe(0);
    }
    expect(sessionRequests).toEqual([]);
  });

  it('When a page on that origin asks for a session of the organisation, Then the bot refuses with 403 naming the origin, by Origin or by Referer', async () => {
    const byOrigin = await askForSession(scenario.server.url, { organisation: COOPERATIVE }, { Origin: elsewhere.origin });
    const byReferer = await askForSession(scenario.server.url, { organisation: COOPERATIVE }, { Referer: `${elsewhere.origin}/page.html` });

    for (const refused of [byOrigin, byReferer]) {
      expect(refused.status).toBe(403);
      expect(refused.body.token).toBeUndefined();
      expect(refused.body.error?.code).toBe('Forbidden');
      expect(refused.body.error?.message).toContain(
        `The chat of "${COOPERATIVE}" opens only through its embed on its own websites (${scenario.site.origin})`,
      );
      expect(refused.body.error?.message).toContain(`not on ${elsewhere.origin}`);
    }
  });

  it("When that origin presents a grant taken from the cooperative's own chat page, Then it is refused too; from the chat page itself it works", async () => {
    const grant = await embedGrant(scenario.server.url, COOPERATIVE, scenario.site.origin);

    const stolen = await askForSession(scenario.server.url, { grant }, { Origin: elsewhere.origin });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error?.message).toContain(`not from ${elsewhere.origin}`);
    const fromChatPage = await askForSession(scenario.server.url, { grant }, { Origin: new URL(scenario.server.url).origin });
    expect(fromChatPage.status).toBe(200);
    expect(fromChatPage.body.token).toMatch(/^wc2\./);
  });

  it('The settings and the chat page are refused to that origin as well', async () => {
    const settings = await fetch(`${scenario.server.url}/embed/${COOPERATIVE}/settings`, { headers: { Origin: elsewhere.origin } });
    expect(settings.status).toBe(403);
    expect(((await settings.json()) as { error: { message: string } }).error.message).toContain(elsewhere.origin);
    const framed = await fetch(`${scenario.server.url}/embed/${COOPERATIVE}`, {
      headers: { 'Sec-Fetch-Dest': 'iframe', Referer: `${elsewhere.origin}/` },
    });
    expect(framed.status).toBe(403);
    expect(framed.headers.get('content-security-policy')).not.toContain(elsewhere.origin);
    const listed = await fetch(`${scenario.server.url}/embed/${COOPERATIVE}`, {
      headers: { 'Sec-Fetch-Dest': 'iframe', Referer: `${scenario.site.origin}/` },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${scenario.site.origin}`);
  });
});
