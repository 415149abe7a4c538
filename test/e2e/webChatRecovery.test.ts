import { freePort } from '../../scripts/freePort';
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
import { startTestServer, type TestServer } from '../support/startTestServer';

const SEND_FAILED = /Send failed|Det gick inte att skicka/i;

describe('an open chat page when the server restarts, and when the learner deletes their data', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let port: number;
  const problems: string[] = [];

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ PORT: String(port) });
    browser = await launchBrowser();
    browser.page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('reconnects by itself, delivers what was typed while the server was down, and shows the history after a reload', async () => {
    await browser.page.goto(server.url);
    let chat = await chatFrame(browser.page);
    await waitForBotText(chat, 'Välj språk / choose a language');
    await clickSuggestedAction(chat, 'English');
    await clickSuggestedAction(chat, 'Yes, that is OK');
    await waitForBotText(chat, 'What is your first name?');

    const { dataDir } = server;
    await server.stop();
    await sendText(chat, 'Amina');
    await browser.page.waitForTimeout(1500);
    server = await startTestServer({ PORT: String(port) }, dataDir);

    await waitForBotText(chat, 'Nice to meet you, Amina!', 30_000);
    await sendText(chat, 'Vätterhjul');
    await waitForBotText(chat, 'what Vätterhjul does');
    await expect(chat.getByText(SEND_FAILED).count()).resolves.toBe(0);
    await expect(chat.locator(webChatSelectors.userText).filter({ hasText: 'Amina' }).count()).resolves.toBe(1);

    await browser.page.reload();
    chat = await chatFrame(browser.page);
    await waitForBotText(chat, 'what Vätterhjul does');
    const history = await botTexts(chat);
    expect(history.filter((text) => text.includes('Nice to meet you, Amina!'))).toHaveLength(1);
    expect(history.some((text) => text.includes('Välj språk / choose a language'))).toBe(true);
    await sendText(chat, 'We repair bikes and train people.');
    await clickSuggestedAction(chat, 'Yes, they may see them');
    await waitForBotText(chat, 'Your modules');
  });

  it('after "delete my data" the page forgets the conversation and starts afresh', async () => {
    let chat = await chatFrame(browser.page);
    const keyBefore = await chat.evaluate(() => localStorage.getItem('svc.webchat.resume.demo'));
    await sendText(chat, 'delete my data');
    await clickSuggestedAction(chat, 'Yes, delete everything');
    await waitForBotText(chat, 'has been deleted');

    await chat.locator(webChatSelectors.botText).filter({ hasText: 'Nice to meet you' }).waitFor({ state: 'detached', timeout: 15_000 });
    await waitForBotText(chat, 'Välj språk / choose a language');
    expect((await botTexts(chat)).join('\n')).not.toContain('Amina');
    const keyAfter = await chat.evaluate(() => localStorage.getItem('svc.webchat.resume.demo'));
    expect(keyAfter).toMatch(/^wr1\./);
    expect(keyAfter).not.toBe(keyBefore);

    await browser.page.reload();
    chat = await chatFrame(browser.page);
    await waitForBotText(chat, 'Välj språk / choose a language');
    expect((await botTexts(chat)).join('\n')).not.toMatch(/Amina|Vätterhjul/);
    expect(problems).toEqual([]);
  }, 60_000);
});
