import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeMarkdown } from '../../dialogs/markdown';
import { chatFrame, clickSuggestedAction, launchBrowser, sendText, waitForBotText, type TestBrowser } from '../support/browser';
import { ADVISOR_TEST_ENV, invite, learnerIdOf, onboard, teamsSender, walkModule, webSender } from '../support/advisorWorld';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { readableTeams, TeamsUser } from '../support/teamsUser';

jest.setTimeout(180_000);

/** Set ADVISOR_SCREENSHOTS to a folder to keep screenshots of the pages (desktop and 360 px wide, and the print view). */
const screenshots = process.env.ADVISOR_SCREENSHOTS;

/**
 * An advisor's whole path in Debian's Chromium: the invite link signs them in, the cohort shows the learners made through
 * Direct Line and Teams-shaped activities, a learner's page shows their answers and canvas, and a note written there
 * reaches the learner's open web chat and, for a Teams learner, the connector as a proactive message. What a learner
 * wrote stays text. The other organisation's advisor sees none of it.
 */
describe('the advisor dashboard in Chromium', () => {
  let server: TestServer;
  let connector: FakeConnector;
  let browser: TestBrowser;
  let web: DirectLineClient;
  let teams: TeamsUser;
  let webLearner: string;
  let teamsLearner: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    server = await startTestServer({ ...ADVISOR_TEST_ENV });
    web = new DirectLineClient(server.url);
    await web.connect();
    await onboard(webSender(web), '<img src=x onerror=alert(1)>', 'Cykelköket <script>alert(2)</script>');
    await walkModule(webSender(web), 'business-model');
    webLearner = await learnerIdOf(server.app.store, { channel: 'webchat', userId: web.userId }, 'coop-a');
    teams = new TeamsUser(server.url, connector);
    await teams.post({ ...teams.base('conversationUpdate'), membersAdded: [{ id: teams.botId }] });
    await onboard(teamsSender(teams), 'Amina', 'Vätterhjul');
    await walkModule(teamsSender(teams), 'challenge-to-idea', 'wrong');
    teamsLearner = await learnerIdOf(server.app.store, { channel: 'msteams', userId: teams.aadObjectId, tenantId: teams.tenantId }, 'coop-a');
    await web.say('framsteg');
    await web.botActivities();
    await teams.say('framsteg');
    browser = await launchBrowser();
    browser.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    if (screenshots) mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await connector?.close();
  });

  async function shoot(name: string, options: { print?: boolean } = {}): Promise<void> {
    if (!screenshots) return;
    const { page } = browser;
    for (const [label, width] of [
      ['desktop', 1280],
      ['phone', 360],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ media: options.print ? 'print' : 'screen' });
      await page.screenshot({ path: join(screenshots, `${name}-${label}.png`), fullPage: true });
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('from the invite link to a note in the learner’s chat, with nothing a learner wrote run as code', async () => {
    const { page } = browser;
    await page.goto(await invite(server.dataDir, server.url, 'coop-a', 'Karin Rådgivare', 'karin@coop-a.example'));
    await page.waitForURL(`${server.url}/advisor`);
    const cohort = page.locator('table.cohort');
    await cohort.waitFor();
    expect(await cohort.innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await cohort.innerText()).toContain('Vätterhjul');
    expect(await page.locator('table.cohort img').count()).toBe(0);
    await shoot('cohort');

    await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).click();
    await page.locator('.canvas').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Social Business Model Canvas');
    expect(main).toContain('Vi vill att fler personer får jobb');
    expect(main).toContain('Cykelköket <script>alert(2)</script>');
    expect(await page.locator('.canvas .cell').count()).toBeGreaterThanOrEqual(10);
    await shoot('learner');
    await shoot('learner-print', { print: true });

    await page.locator('#note-text').fill('Snygg kanvas! Titta på kanalerna – <b>viktigt</b>.');
    await page.getByRole('button', { name: 'Skicka anteckningen' }).click();
    await page.locator('p.notice').waitFor();
    expect(await page.locator('.thread').innerText()).toContain('Snygg kanvas! Titta på kanalerna – <b>viktigt</b>.');

    let chat = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !chat.includes('Snygg kanvas');) {
      chat += readable(await web.botActivities());
      await page.waitForTimeout(100);
    }
    expect(chat).toContain('Karin Rådgivare på Kooperativ A har skrivit till dig');
    // Sent as escaped Markdown, which Web Chat shows exactly as the advisor wrote it.
    expect(chat).toContain(escapeMarkdown('Snygg kanvas! Titta på kanalerna – <b>viktigt</b>.'));
    await page.reload();
    await page.locator('.thread .delivery', { hasText: 'Levererad (Web)' }).waitFor({ timeout: 10_000 });

    await page.goto(`${server.url}/advisor/learners/${teamsLearner}`);
    expect(await page.locator('main').innerText()).toContain('Fel');
    await page.locator('#note-text').fill('Bra jobbat, Amina!');
    await page.getByRole('button', { name: 'Skicka anteckningen' }).click();
    await page.locator('p.notice').waitFor();
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(100)) {
      if (connector.posts.some((p) => readableTeams([p.activity]).includes('Bra jobbat, Amina!'))) break;
    }
    expect(connector.posts.some((p) => readableTeams([p.activity]).includes('Bra jobbat, Amina!'))).toBe(true);

    await page.goto(`${server.url}/advisor/analytics`);
    await page.locator('svg.chart').first().waitFor();
    await shoot('analytics');
    expect(dialogs).toEqual([]);
  });

  test('a note reaches a learner’s open Web Chat in Chromium within seconds', async () => {
    const learnerPage = await browser.context.newPage();
    learnerPage.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await learnerPage.goto(server.url);
    const chat = await chatFrame(learnerPage);
    await waitForBotText(chat, 'Välj språk');
    await clickSuggestedAction(chat, 'Svenska');
    await clickSuggestedAction(chat, 'Ja, det är okej');
    await waitForBotText(chat, 'Vad heter du i förnamn?');
    await sendText(chat, 'Johanna');
    await waitForBotText(chat, 'Trevligt att träffas, Johanna!');
    await sendText(chat, 'Lådcykeln');
    await waitForBotText(chat, 'Berätta med en mening');
    await sendText(chat, 'Vi kör varor på lådcykel i stan.');
    await clickSuggestedAction(chat, 'Ja, de får se dem');

    const { page } = browser;
    const johanna = page.getByRole('link', { name: 'Johanna' });
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && (await johanna.count()) === 0; await page.waitForTimeout(200)) {
      await page.goto(`${server.url}/advisor`);
    }
    await johanna.click();
    await page.locator('#note-text').fill('Välkommen, Johanna! Hör av dig om cykelvägarna.');
    await page.getByRole('button', { name: 'Skicka anteckningen' }).click();
    await page.locator('p.notice').waitFor();
    await waitForBotText(chat, 'Karin Rådgivare på Kooperativ A har skrivit till dig', 10_000);
    await waitForBotText(chat, 'Välkommen, Johanna! Hör av dig om cykelvägarna.');
    await learnerPage.close();
    expect(dialogs).toEqual([]);
  });

  test('the other organisation’s advisor sees none of it, and gets 404 for its learners', async () => {
    const context = await browser.context.browser()?.newContext();
    const page = context ? await context.newPage() : await browser.context.newPage();
    if (!context) await browser.context.clearCookies();
    await page.goto(await invite(server.dataDir, server.url, 'coop-b', 'Bo', 'bo@coop-b.example', 'advisor', 'en'));
    await page.waitForURL(`${server.url}/advisor`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('0 learners');
    expect(text).not.toContain('Vätterhjul');
    for (const id of [webLearner, teamsLearner]) {
      const response = await page.goto(`${server.url}/advisor/learners/${id}`);
      expect(response?.status()).toBe(404);
    }
    expect(await page.locator('main').innerText()).not.toContain('Vätterhjul');
    await context?.close();
  });
});
