import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import { chatFrame, clickSuggestedAction, sendText, waitForBotText, webChatSelectors } from '../support/browser';
import { chatPanel, focusedOnHost, launcherButton, startEmbedScenario, type EmbedScenario } from '../support/embedScenario';

type EmbedApi = { open(): void; close(): void; toggle(): void };

/** Calls window.SocialVentureCoach.<method>() on the host page. */
async function callApi(page: Page, method: keyof EmbedApi): Promise<void> {
  await page.evaluate((name) => (window as unknown as { SocialVentureCoach: EmbedApi }).SocialVentureCoach[name](), method);
}

/** The window's own property names, without the indices by which a window exposes its frames. */
async function globalNames(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.getOwnPropertyNames(window).filter((name) => !/^\d+$/.test(name)));
}

async function sendBoxFocused(chat: Frame): Promise<void> {
  await chat.waitForFunction((selector) => document.activeElement?.matches(selector) === true, webChatSelectors.sendBox, { timeout: 10_000 });
}

const NAME_ACKNOWLEDGED = 'Nice to meet you, Amina!';
const badge = (page: Page) => page.locator('[data-social-venture-coach] .badge');
const botBubbles = (chat: Frame) => chat.locator(webChatSelectors.botText).count();

describe('the embed on a cooperative page: its API, its badge, the keyboard, inline mode and coming back', () => {
  let scenario: EmbedScenario;
  let page: Page;

  beforeAll(async () => {
    scenario = await startEmbedScenario();
    page = scenario.browser.page;
  }, 60_000);
  afterAll(async () => scenario?.close());

  it('adds exactly one global, window.SocialVentureCoach, and sets no cookies, before and after the chat opens', async () => {
    await page.goto(scenario.servePage('/plain/', { withoutSnippet: true }));
    const without = await globalNames(page);
    await page.goto(scenario.servePage('/', {}));
    await launcherButton(page).waitFor();

    const added = (await globalNames(page)).filter((name) => !without.includes(name));
    expect(added).toEqual(['SocialVentureCoach']);
    await expect(page.evaluate(() => Object.isFrozen((window as unknown as { SocialVentureCoach: EmbedApi }).SocialVentureCoach))).resolves.toBe(
      true,
    );

    await launcherButton(page).click();
    await waitForBotText(await chatFrame(page), 'Välj språk / choose a language');
    expect((await globalNames(page)).filter((name) => !without.includes(name))).toEqual(['SocialVentureCoach']);
    await expect(page.evaluate(() => document.cookie)).resolves.toBe('');
    // Neither the host page nor the chat frame (the bot's origin) stored a cookie.
    await expect(scenario.browser.context.cookies()).resolves.toEqual([]);
  });

  it('open(), close() and toggle() show and hide the panel, and the launcher says whether it is open', async () => {
    await page.goto(scenario.servePage('/', {}));
    const launcher = launcherButton(page);
    await launcher.waitFor();

    await callApi(page, 'open');
    await chatPanel(page).waitFor({ state: 'visible' });
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('true');
    await callApi(page, 'close');
    await chatPanel(page).waitFor({ state: 'hidden' });
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('false');
    await callApi(page, 'toggle');
    await chatPanel(page).waitFor({ state: 'visible' });
    await callApi(page, 'toggle');
    await chatPanel(page).waitFor({ state: 'hidden' });
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('Escape inside the chat closes the panel and the focus returns to the launcher; so does the close button', async () => {
    await page.goto(scenario.servePage('/', {}));
    await launcherButton(page).click();
    const chat = await chatFrame(page);
    await sendBoxFocused(chat);

    await page.keyboard.press('Escape');
    await chatPanel(page).waitFor({ state: 'hidden' });
    await expect(focusedOnHost(page)).resolves.toBe('launcher');

    await page.keyboard.press('Enter');
    await chatPanel(page).waitFor({ state: 'visible' });
    await sendBoxFocused(chat);
    await chat.getByRole('button', { name: 'Stäng chatten' }).click();
    await chatPanel(page).waitFor({ state: 'hidden' });
    await expect(focusedOnHost(page)).resolves.toBe('launcher');
  });

  it('When the bot writes while the panel is closed, Then the launcher shows and names the unread count until it is opened', async () => {
    await page.goto(scenario.servePage('/', {}));
    const launcher = launcherButton(page);
    await launcher.click();
    const chat = await chatFrame(page);
    await waitForBotText(chat, 'Välj språk / choose a language');
    const before = await botBubbles(chat);

    await callApi(page, 'close');
    await chatPanel(page).waitFor({ state: 'hidden' });
    // The learner's choice is sent from the hidden panel, so the reply surely arrives (Web Chat polls each second) while it is closed.
    await chat.locator(webChatSelectors.suggestedAction).filter({ hasText: 'English' }).last().dispatchEvent('click');
    await chat.locator(webChatSelectors.botText).filter({ hasText: 'Before we start' }).waitFor({ state: 'attached' });
    const unread = (await botBubbles(chat)) - before;
    expect(unread).toBeGreaterThan(0);

    await badge(page)
      .filter({ hasText: String(unread) })
      .waitFor({ state: 'visible', timeout: 5_000 });
    await expect(launcher.getAttribute('aria-label')).resolves.toBe(`Chatta med Coach coop-a (${unread} olästa)`);

    await launcher.click();
    await badge(page).waitFor({ state: 'hidden' });
    await expect(launcher.getAttribute('aria-label')).resolves.toBe('Chatta med Coach coop-a');
  });

  it('After a reload, the same site continues the same conversation, with the same learner at the same question', async () => {
    const chat = await chatFrame(page);
    await clickSuggestedAction(chat, 'Yes, that is OK');
    await sendText(chat, 'Amina');
    await waitForBotText(chat, NAME_ACKNOWLEDGED);

    await page.reload();
    await launcherButton(page).click();
    const again = await chatFrame(page);
    // The conversation's history, and the bot, knowing the learner's name, asks its question again.
    await again.waitForFunction(
      ([selector, text]) => Array.from(document.querySelectorAll(selector!)).filter((bubble) => bubble.textContent?.includes(text!)).length >= 2,
      [webChatSelectors.botText, NAME_ACKNOWLEDGED],
      { timeout: 15_000 },
    );
    await expect(again.locator(webChatSelectors.userText).filter({ hasText: 'Amina' }).count()).resolves.toBe(1);
  });

  it('Inline mode fills the data-target element with the chat: no launcher, no close button, and the API leaves it alone', async () => {
    await page.goto(
      scenario.servePage('/inline/', {
        body: '<section id="coach-here"></section>',
        attributes: { 'data-mode': 'inline', 'data-target': '#coach-here' },
      }),
    );
    await page.locator('#coach-here iframe').waitFor();
    const chat = await chatFrame(page);

    // The same site, the same learner: the launcher page's conversation goes on here.
    await waitForBotText(chat, NAME_ACKNOWLEDGED);
    await expect(launcherButton(page).count()).resolves.toBe(0);
    await expect(chat.locator('#svc-close').count()).resolves.toBe(0);
    await callApi(page, 'close');
    await page.keyboard.press('Escape');
    await expect(page.locator('#coach-here iframe').isVisible()).resolves.toBe(true);
  });

  it('Inline mode with a data-target that names no element warns in the console and shows nothing', async () => {
    const warned = page.waitForEvent('console', {
      predicate: (message: ConsoleMessage) => message.type() === 'warning' && message.text().includes('data-target'),
      timeout: 10_000,
    });
    await page.goto(scenario.servePage('/inline-missing/', { attributes: { 'data-mode': 'inline', 'data-target': '#nowhere' } }));

    expect((await warned).text()).toBe('Social venture coach: data-target names no element on this page');
    await expect(page.locator('iframe').count()).resolves.toBe(0);
  });
});
