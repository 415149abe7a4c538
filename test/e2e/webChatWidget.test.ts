import restify from 'restify';

import { ConversationBuffer } from '../../adapters/directline/conversationBuffer';
import { DirectLineChannel } from '../../adapters/directline/directLineChannel';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import { registerDirectLineRoutes } from '../../adapters/directline/directLineRoutes';
import { WebChatTokens } from '../../adapters/directline/webChatTokens';
import { renderDemoPage } from '../../adapters/webchat/demoPage';
import { registerWebChatRoutes } from '../../adapters/webchat/webChatRoutes';
import { botTexts, clickSuggestedAction, launchBrowser, sendText, waitForBotText, webChatSelectors, type TestBrowser } from '../support/browser';

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
  const channel = new DirectLineChannel({ buffer: new ConversationBuffer(), botId: 'programme-bot', botName: 'Programme Bot', bot: bot.run });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  registerDirectLineRoutes(server, {
    channel,
    tokens: new WebChatTokens({ secret: 'e2e-web-chat-secret-0123456789abcdef' }),
    defaultOrganisationId: 'demo',
  });
  registerWebChatRoutes(server, { title: 'Socialt företagande', botName: 'Programme Bot', locale: 'sv-SE' });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address();
  return {
    bot,
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      server.server.closeAllConnections();
      await closed;
    },
  };
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

  test('the page loads and the bot greets without the learner typing', async () => {
    const response = await browser.page.goto(server.url);

    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
    await expect(browser.page.title()).resolves.toBe('Socialt företagande');
    await waitForBotText(browser.page, 'Välkommen till programmet!');
    await expect(browser.page.locator('#webchat-status').isHidden()).resolves.toBe(true);
    // Every style element the widget inserted was applied; the CSP blocks one without the page's care
    // (react-scroll-to-bottom's, which holds the transcript's scroll rules).
    const blockedStyles = await browser.page.evaluate(() =>
      Array.from(document.querySelectorAll('style'))
        .filter((element) => element.sheet === null)
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(blockedStyles).toEqual([]);
  });

  test('a typed message is sent and echoed, and the bot sees the server-issued learner id', async () => {
    await sendText(browser.page, 'Hej bot');

    await waitForBotText(browser.page, 'Du skrev: Hej bot');
    await expect(browser.page.locator(webChatSelectors.userText).filter({ hasText: 'Hej bot' }).count()).resolves.toBe(1);
    const stored = await browser.page.evaluate(() => localStorage.getItem('svc.webchat.token'));
    expect(stored).toMatch(/^wc1\./);
    expect([...server.bot.senders]).toEqual([expect.stringMatching(/^wl_/)]);
  });

  test('clicking a suggested action sends it', async () => {
    await clickSuggestedAction(browser.page, 'Ja');

    await waitForBotText(browser.page, 'Du skrev: Ja');
  });

  test('after a reload the same conversation continues, with its history', async () => {
    const learnerBefore = [...server.bot.senders];
    await browser.page.reload();

    await waitForBotText(browser.page, 'Du skrev: Hej bot');
    await sendText(browser.page, 'Efter omladdning');
    await waitForBotText(browser.page, 'Du skrev: Efter omladdning');
    expect([...server.bot.senders]).toEqual(learnerBefore);
    const texts = await botTexts(browser.page);
    expect(texts.filter((text) => text.includes('Välkommen till programmet!')).length).toBeGreaterThanOrEqual(2);
  });

  test('nothing failed in the page: no script errors, no blocked resources, no "send failed"', async () => {
    await expect(browser.page.getByText(/Send failed|Skickandet misslyckades/i).count()).resolves.toBe(0);
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

  test('the page is HTML with a nonce CSP that covers its own script and style, and no inline handlers', async () => {
    const response = await fetch(server.url);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toMatch(/<script src="\/webchat\/webchat\.js\?v=4\.\d+\.\d+"/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const second = await fetch(server.url);
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

  test('the page speaks English for an English locale and escapes what it is given', () => {
    const html = renderDemoPage({
      title: 'Social <ventures> & "impact"',
      botName: 'Coach',
      webChatScriptUrl: '/webchat/webchat.js',
      locale: 'en-GB',
    });

    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<title>Social &#60;ventures&#62; &#38; &#34;impact&#34;</title>');
    expect(html).toContain('A business-development programme for social entrepreneurs');
    expect(html).not.toContain('<ventures>');
  });

  test('a Swedish page is the default', () => {
    const html = renderDemoPage({ title: 'Programmet', botName: 'Coach', webChatScriptUrl: '/webchat/webchat.js' });

    expect(html).toContain('<html lang="sv-SE">');
    expect(html).toContain('Ett affärsutvecklingsprogram för sociala entreprenörer');
  });
});
