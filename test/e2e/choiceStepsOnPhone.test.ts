import type { Frame } from 'playwright-core';
import { WebChatRenderer } from '../../adapters/channels/webChatRenderer';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { LOCALES } from '../../curriculum/schema';
import { chatFrame, launchBrowser, type TestBrowser } from '../support/browser';
import { sidewaysOverflow } from '../support/pageLayout';
import { presentedChoices } from '../support/presentedChoices';
import { botSays, installScriptedDirectLine } from '../support/scriptedDirectLine';
import { startTestServer, type TestServer } from '../support/startTestServer';

const PHONE = { width: 360, height: 740 };
const SMALLEST_TARGET_PX = 24;
/** Web Chat's own send-box placeholder in its Swedish and English strings: the widget's labels follow the learner. */
const SEND_BOX_PLACEHOLDER = { sv: 'Skriv ditt meddelande', en: 'Type your message' } as const;
const curriculum = loadCurriculumOrThrow();
const renderer = new WebChatRenderer();

/** The multi-select cards' checkboxes smaller than a finger's target. */
async function smallCheckboxes(chat: Frame): Promise<string[]> {
  const boxes = await chat.locator('.ac-adaptiveCard input[type="checkbox"]').evaluateAll((inputs) =>
    inputs.map((input) => {
      const box = input.getBoundingClientRect();
      return { label: input.getAttribute('aria-label') ?? '', width: box.width, height: box.height };
    }),
  );
  return boxes
    .filter((box) => box.width < SMALLEST_TARGET_PX || box.height < SMALLEST_TARGET_PX)
    .map((box) => `checkbox "${box.label.slice(0, 40)}" is ${box.width}×${box.height} px`);
}

/**
 * Every screen of the shipped programme on which the learner chooses (onboarding, menus, and every quiz, choice,
 * scale, multi-select and SDG step of every lesson), shown one after another in the stock Web Chat widget of the bot's
 * own chat page at 360 px, in both languages: nothing may make the page scroll sideways or cut an option off.
 */
describe.each(LOCALES)('every choosing screen of the programme on a 360 px phone (%s)', (locale) => {
  let server: TestServer;
  let browser: TestBrowser;
  let chat: Frame;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await installScriptedDirectLine(browser.context);
    await browser.page.setViewportSize(PHONE);
    await browser.page.goto(server.url);
    chat = await chatFrame(browser.page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('fits every screen: scrollWidth <= innerWidth, and no option, card or button cut off', async () => {
    const screens = presentedChoices(curriculum, locale);
    // The walk reaches every choosing step of the content, so a step kind left out of it would show here.
    const choosingSteps = curriculum.modules.flatMap((m) =>
      m.lessons.flatMap((l) => l.steps.filter((s) => ['quiz', 'choice', 'scale', 'sdg'].includes(s.kind))),
    );
    expect(new Set(screens.map((s) => s.name)).size).toBe(choosingSteps.length + curriculum.modules.length + 4);

    const overflowing: { screen: string; found: string[] }[] = [];
    for (const screen of screens) {
      await botSays(chat, renderer.render(screen.messages), locale);
      const widths = await chat.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      const found = await sidewaysOverflow(chat);
      if (widths.scrollWidth > widths.innerWidth) found.unshift(`scrollWidth ${widths.scrollWidth} > innerWidth ${widths.innerWidth}`);
      found.push(...(await smallCheckboxes(chat)));
      if (found.length > 0) overflowing.push({ screen: screen.name, found });
    }
    expect(overflowing).toEqual([]);
    await expect(chat.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).resolves.toBe(SEND_BOX_PLACEHOLDER[locale]);
  }, 240_000);
});
