import type { Frame, Page } from 'playwright-core';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { chatFrame, clickSuggestedAction, waitForBotText, webChatSelectors } from '../support/browser';
import { onboardInWidget, visiblePart } from '../support/browserLearner';
import { chatPanel, launcherButton, startEmbedScenario, type EmbedScenario } from '../support/embedScenario';
import { sidewaysOverflow } from '../support/pageLayout';
import { writeLongLabelModule, type LongLabelModule } from '../support/longLabelModule';

const PHONE_WIDTHS = [360, 320, 430] as const;
const PHONE_HEIGHT = 740;

describe('the open chat on a phone: full screen, nothing scrolls sideways, whatever the labels', () => {
  let longLabels: LongLabelModule;
  let scenario: EmbedScenario;
  let page: Page;
  let chat: Frame;

  /** At every phone width: the panel fills the screen and neither the host page nor the chat scrolls sideways. */
  async function expectPhoneLayout(): Promise<void> {
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: PHONE_HEIGHT });
      // The chat frame is another site's, laid out in its own process: wait until it has taken the new width.
      await chat.waitForFunction((expected) => window.innerWidth === expected, width, { timeout: 5_000 });
      const panel = await chatPanel(page).boundingBox();
      expect({ width, panel }).toEqual({ width, panel: { x: 0, y: 0, width, height: PHONE_HEIGHT } });
      expect({ width, host: await sidewaysOverflow(page), chat: await sidewaysOverflow(chat) }).toEqual({ width, host: [], chat: [] });
    }
  }

  beforeAll(async () => {
    longLabels = await writeLongLabelModule(loadCurriculumOrThrow());
    scenario = await startEmbedScenario({ env: { CONTENT_DIRS: longLabels.dir } });
    page = scenario.browser.page;
    await page.setViewportSize({ width: 360, height: PHONE_HEIGHT });
    // A host page that is itself fine on a phone, with a long unbroken word of its own.
    await page.goto(scenario.servePage('/', { body: '<p>Välkommen till kooperativet.</p>' }));
    await launcherButton(page).click();
    chat = await chatFrame(page);
  }, 60_000);
  afterAll(async () => {
    await scenario?.close();
    await longLabels?.remove();
  });

  it('the greeting, and the module menu with every module title', async () => {
    await waitForBotText(chat, 'Välj språk / choose a language');
    await expectPhoneLayout();
    await onboardInWidget(chat, 'Amina');
    await waitForBotText(chat, longLabels.module.title.en);
    await expectPhoneLayout();
  });

  it('the quiz with the longest option labels of the content', async () => {
    await clickSuggestedAction(chat, longLabels.module.title.en);
    await waitForBotText(chat, visiblePart(longLabels.quiz));
    for (const option of longLabels.quiz.options) await chat.locator(webChatSelectors.suggestedAction).filter({ hasText: option.text.en }).waitFor();
    await expectPhoneLayout();
  });

  it('the multi-select card with the longest option labels of the content', async () => {
    await clickSuggestedAction(chat, longLabels.quiz.options.find((o) => o.correct)!.text.en);
    await waitForBotText(chat, longLabels.quiz.explanation.correct.en.slice(0, 24));
    await chat.locator('.ac-adaptiveCard').last().getByText(longLabels.multiSelect.options[0]!.text.en).waitFor();
    await expectPhoneLayout();
  });

  it('the close button is on screen, and closes the panel', async () => {
    await page.setViewportSize({ width: 320, height: PHONE_HEIGHT });
    const close = chat.getByRole('button', { name: 'Close the chat' });
    const box = await close.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    expect(box!.width).toBeGreaterThanOrEqual(24);
    await close.click();
    await chatPanel(page).waitFor({ state: 'hidden' });
    await expect(launcherButton(page).isVisible()).resolves.toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([]);
  });
});
