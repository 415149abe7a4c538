import type { Frame, Page } from 'playwright-core';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { chatFrame, clickSuggestedAction, sendText, waitForBotText, webChatSelectors } from '../support/browser';
import { answerInWidget, onboardInWidget, visiblePart } from '../support/browserLearner';
import { blocking, runAxe } from '../support/axe';
import { launcherButton, startEmbedScenario, type EmbedScenario } from '../support/embedScenario';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;
const quizAt = lesson.steps.findIndex((step) => step.kind === 'quiz');
const LIGHT_ACCENT = '#ffd23f';

async function pageLanguage(chat: Frame): Promise<string> {
  return chat.evaluate(() => document.documentElement.lang);
}

async function languageBecomes(chat: Frame, language: string): Promise<void> {
  await chat.waitForFunction((expected) => document.documentElement.lang === expected, language, { timeout: 10_000 });
}

describe('accessibility of the embed (axe-core in Chromium: no serious or critical violations)', () => {
  let scenario: EmbedScenario;
  let page: Page;
  let chat: Frame;

  beforeAll(async () => {
    // A light accent colour, the hard case for contrast: white text on it would not read.
    scenario = await startEmbedScenario({ organisation: { theme: { accentColor: LIGHT_ACCENT, botName: 'Coach coop-a' } } });
    page = scenario.browser.page;
  }, 60_000);
  afterAll(async () => scenario?.close());

  it('the host page with the launcher', async () => {
    await page.goto(scenario.servePage('/', { lang: 'sv' }));
    await launcherButton(page).waitFor();

    expect(blocking(await runAxe(page))).toEqual([]);
  });

  it('the open panel: the host page around it and the chat page inside it, in Swedish until the learner chooses', async () => {
    await launcherButton(page).click();
    chat = await chatFrame(page);
    await waitForBotText(chat, 'Välj språk / choose a language');
    await chat.locator(webChatSelectors.suggestedAction).first().waitFor();

    await expect(pageLanguage(chat)).resolves.toBe('sv');
    expect(blocking(await runAxe(page))).toEqual([]);
    expect(blocking(await runAxe(chat))).toEqual([]);
  });

  it("a quiz, with the chat page's language following the learner's choice", async () => {
    await onboardInWidget(chat, 'Amina');
    await languageBecomes(chat, 'en');
    await clickSuggestedAction(chat, firstModule.title.en);
    for (const step of lesson.steps.slice(0, quizAt)) {
      await waitForBotText(chat, visiblePart(step));
      await answerInWidget(chat, step);
    }
    await waitForBotText(chat, visiblePart(lesson.steps[quizAt]!));
    await chat.locator(webChatSelectors.suggestedAction).first().waitFor();

    expect(blocking(await runAxe(chat))).toEqual([]);
  });

  it('a lesson summary', async () => {
    for (const step of lesson.steps.slice(quizAt)) {
      if (step.kind === 'summary') break;
      await waitForBotText(chat, visiblePart(step));
      await answerInWidget(chat, step);
    }
    await waitForBotText(chat, `Summary: ${lesson.title.en}`);

    expect(blocking(await runAxe(chat))).toEqual([]);
  });

  it('the page language goes back to Swedish when the learner switches', async () => {
    await sendText(chat, 'language');
    await clickSuggestedAction(chat, 'Svenska');
    await languageBecomes(chat, 'sv');
    await chat.getByRole('link', { name: 'Så hanteras dina uppgifter' }).waitFor();
  });
});
