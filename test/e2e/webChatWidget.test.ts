import type { ChannelBot } from '../../bot/channel/channelTurn';
import { renderDemoPage } from '../../adapters/webchat/demoPage';
import { EmbedGrants } from '../../adapters/webchat/embedGrants';
import { sessionOrganisation } from '../../adapters/webchat/sessionOrganisation';
import { registerWebChatRoutes } from '../../adapters/webchat/webChatRoutes';
import { OrganisationDirectory } from '../../bot/organisations/organisationDirectory';
import {
  botTexts,
  chatFrame,
  clickSuggestedAction,
  launchBrowser,
  sendText,
  waitForBotText,
  webChatSelectors,
  type TestBrowser,
} from '../support/browser';
import { HARNESS_SECRET, startDirectLineHarness } from '../support/directLineHarness';
import { shippedOrganisations } from '../support/testOrganisations';

/** Greets, and echoes every message with two suggested actions. */
class EchoBot {
  readonly senders = new Set<string>();

  readonly run: ChannelBot = async (turn) => {
    const { activity } = turn;
    if (activity.type === 'conversationUpdate') {
      if ((activity.membersAdded ?? []).some((member) => member.id !== activity.recipient.id)) {
        await turn.send([{ type: 'message', text: 'Välkommen till programmet!' }]);
      }
      return;
    }
    if (activity.type !== 'message') return;
    this.senders.add(activity.from.id);
    const actions = ['Ja', 'Nej'].map((title) => ({ type: 'imBack' as const, title, value: title }));
    await turn.send([{ type: 'message', text: `Du skrev: ${activity.text ?? ''}`, suggestedActions: { to: [], actions } }]);
  };
}

async function startServer() {
  const bot = new EchoBot();
  const organisations = new OrganisationDirectory(shippedOrganisations, 'demo');
  const grants = new EmbedGrants({ secret: HARNESS_SECRET });
  const harness = await startDirectLineHarness({
    bot: bot.run,
    sessionOrganisation: sessionOrganisation({ grants, organisations, defaultOrganisationId: 'demo' }),
    extend: (server) =>
      registerWebChatRoutes(server, {
        title: { sv: 'Socialt företagande', en: 'Social enterprise' },
        organisations,
        defaultOrganisationId: 'demo',
        grants,
      }),
  });
  return { bot, url: `${harness.baseUrl}/`, close: () => harness.dispose() };
}

describe('the stock Web Chat widget against the self-hosted Direct Line endpoint', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: TestBrowser;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    browser.page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    browser.page.on('pageerror', (error) => problems.push(error.message));
    browser.page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    // Names the element behind a CSP report, which the console message alone does not.
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const target = event.target instanceof Element ? event.target.outerHTML.slice(0, 200) : 'the document';
        console.error(`CSP ${event.violatedDirective} blocked ${event.blockedURI} in ${target}`);
      });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the page loads, embeds the chat frame, and the bot greets without the learner typing', async () => {
    const response = await browser.page.goto(server.url);

    expect(response?.status()).toBe(200);
    await expect(browser.page.title()).resolves.toBe('Socialt företagande');
    const chat = await chatFrame(browser.page);
    await waitForBotText(chat, 'Välkommen till programmet!');
    await expect(chat.locator('#svc-status').isHidden()).resolves.toBe(true);
    // Every style element the widget inserted was applied; the CSP blocks one without the page's care
    // (react-scroll-to-bottom's, which holds the transcript's scroll rules).
    const blockedStyles = await chat.evaluate(() =>
      Array.from(document.querySelectorAll('style'))
        .filter((element) => element.sheet === null)
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(blockedStyles).toEqual([]);
  });

  test('a typed message is sent and echoed, and the bot sees the server-issued learner id', async () => {
    const chat = await chatFrame(browser.page);
    await sendText(chat, 'Hej bot');

    await waitForBotText(chat, 'Du skrev: Hej bot');
    await expect(chat.locator(webChatSelectors.userText).filter({ hasText: 'Hej bot' }).count()).resolves.toBe(1);
    const stored = await chat.evaluate(() => localStorage.getItem('svc.webchat.resume.demo'));
    expect(stored).toMatch(/^wr1\./);
    expect([...server.bot.senders]).toEqual([expect.stringMatching(/^wl_/)]);
  });

  test('clicking a suggested action sends it', async () => {
    const chat = await chatFrame(browser.page);
    await clickSuggestedAction(chat, 'Ja');

    await waitForBotText(chat, 'Du skrev: Ja');
  });

  test('after a reload the same conversation continues, with its history', async () => {
    const learnerBefore = [...server.bot.senders];
    await browser.page.reload();
    const chat = await chatFrame(browser.page);

    await waitForBotText(chat, 'Du skrev: Hej bot');
    await sendText(chat, 'Efter omladdning');
    await waitForBotText(chat, 'Du skrev: Efter omladdning');
    expect([...server.bot.senders]).toEqual(learnerBefore);
    const texts = await botTexts(chat);
    expect(texts.filter((text) => text.includes('Välkommen till programmet!')).length).toBeGreaterThanOrEqual(2);
  });

  test('nothing failed in the page: no script errors, no blocked resources, no "send failed"', async () => {
    const chat = await chatFrame(browser.page);
    await expect(chat.getByText(/Send failed|Skickandet misslyckades/i).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the demo page and the widget script over HTTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  test('the demo page embeds the demo organisation inline with the one-line snippet, under a strict CSP', async () => {
    const response = await fetch(server.url);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain('<script async src="/embed.js" data-org="demo" data-mode="inline" data-target="#chat" data-lang="sv"></script>');
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  test('the chat page has a nonce CSP that covers its own scripts and style, and may be framed only by the bot itself', async () => {
    const response = await fetch(`${server.url}embed/demo?mode=inline`, { headers: { 'Sec-Fetch-Dest': 'iframe', Referer: server.url } });
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];

    expect(response.status).toBe(200);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(nonce).toBeDefined();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toMatch(new RegExp(`<script src="/webchat/webchat\\.js\\?v=4\\.\\d+\\.\\d+" nonce="${nonce!.replace(/[+/=]/g, '\\$&')}">`));
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const second = await fetch(`${server.url}embed/demo`, { headers: { 'Sec-Fetch-Dest': 'iframe', Referer: server.url } });
    expect(second.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  test('the widget script is served gzipped, cached for a year, and revalidated by its ETag', async () => {
    const response = await fetch(`${server.url}webchat/webchat.js?v=1`);
    const script = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain('renderWebChat');

    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}webchat/webchat.js?v=1`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  test('the demo page speaks the language asked for and escapes what it is given', () => {
    const html = renderDemoPage({ title: 'Social <ventures> & "impact"', organisationId: 'demo', language: 'en', nonce: 'n0nce' });

    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Social &#60;ventures&#62; &#38; &#34;impact&#34;</title>');
    expect(html).toContain('A business-development programme for social entrepreneurs');
    expect(html).toContain('href="/?lang=sv" lang="sv">På svenska</a>');
    expect(html).not.toContain('<ventures>');
  });
});
