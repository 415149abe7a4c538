import { chatFrame, clickSuggestedAction, launchBrowser, sendText, waitForBotText, type TestBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/startTestServer';

const HOSTILE_NAME = '<img src=x onerror=alert(1)> *Anna*';

describe('what the learner wrote, and their export, in the stock Web Chat widget in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows a name written as HTML and Markdown exactly as typed, and offers the export as two downloadable files', async () => {
    await browser.page.goto(server.url);
    const page = await chatFrame(browser.page);
    await clickSuggestedAction(page, 'English');
    await clickSuggestedAction(page, 'Yes, that is OK');
    await waitForBotText(page, 'What is your first name?');
    await sendText(page, HOSTILE_NAME);
    await waitForBotText(page, `Nice to meet you, ${HOSTILE_NAME}!`);
    expect(await page.locator('.webchat__bubble__content img:not(.webchat__render-markdown__external-link-icon)').count()).toBe(0);
    expect(await page.locator('.webchat__bubble__content em').count()).toBe(0);

    await sendText(page, 'Vätterhjul');
    await sendText(page, 'We repair bicycles.');
    await clickSuggestedAction(page, 'Yes, they may see them');
    await waitForBotText(page, 'Your modules');
    await sendText(page, 'export my data');
    await waitForBotText(page, 'The links work for 15 minutes');

    const links = page.locator('.webchat__fileContent a');
    await links.nth(1).waitFor();
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => [(a as HTMLAnchorElement).href, a.getAttribute('download')]));
    expect(hrefs).toEqual([
      [expect.stringMatching(new RegExp(`^${server.url}/exports/my-data\\.html\\?t=ex1\\.`)), 'my-data.html'],
      [expect.stringMatching(new RegExp(`^${server.url}/exports/my-data\\.json\\?t=ex1\\.`)), 'my-data.json'],
    ]);
    const document = await fetch(hrefs[0]![0]!);
    expect(document.status).toBe(200);
    expect(await document.text()).toContain('&#60;img src=x onerror=alert(1)&#62; *Anna*');
  });
});
