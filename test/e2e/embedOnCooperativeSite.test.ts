import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { LearnerRecord } from '../../bot/records';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { chatFrame, clickSuggestedAction, waitForBotText, webChatSelectors } from '../support/browser';
import { answerInWidget, onboardInWidget, visiblePart } from '../support/browserLearner';
import { chatPanel, COOPERATIVE, focusedOnHost, launcherButton, startEmbedScenario, type EmbedScenario } from '../support/embedScenario';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;

async function storedLearners(dataDir: string): Promise<LearnerRecord[]> {
  const folder = join(dataDir, 'learners');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.json'));
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(join(folder, file), 'utf8')) as LearnerRecord));
}

/** Resolves once the element Web Chat types into has the focus inside the chat frame. */
async function sendBoxFocused(chat: Frame): Promise<void> {
  await chat.waitForFunction((selector) => document.activeElement?.matches(selector) === true, webChatSelectors.sendBox, { timeout: 10_000 });
}

describe("a cooperative's website on another origin embeds the chat with the one-line snippet", () => {
  let scenario: EmbedScenario;
  const violations: string[] = [];

  beforeAll(async () => {
    scenario = await startEmbedScenario();
    // The website sends the CSP docs/EMBED.md gives; anything it blocks is a gap in the docs or the embed.
    await scenario.browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP ${event.violatedDirective} blocked ${event.blockedURI}`));
    });
    scenario.browser.page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('CSP')) violations.push(message.text());
    });
  }, 60_000);
  afterAll(async () => scenario?.close());

  it('Given a Swedish page, the launcher is "Chatta med …" and opens from the keyboard; the learner onboards and starts a lesson', async () => {
    const { page } = scenario.browser;
    await page.goto(scenario.servePage('/', { lang: 'sv' }));
    const launcher = launcherButton(page);
    await launcher.waitFor();
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await page.getByRole('button', { name: 'Chatta med Coach coop-a' }).count()).toBe(1);
    // Styled (bottom right), although the page's CSP allows no inline style.
    await expect(launcher.evaluate((element) => getComputedStyle(element).position)).resolves.toBe('fixed');
    expect(violations).toEqual([]);
    // Nothing heavy before the learner asks: no frame, no widget bundle.
    expect(page.frames()).toHaveLength(1);

    await page.keyboard.press('Tab');
    await expect(focusedOnHost(page)).resolves.toBe('launcher');
    await page.keyboard.press('Enter');

    await chatPanel(page).waitFor({ state: 'visible' });
    await expect(launcher.getAttribute('aria-expanded')).resolves.toBe('true');
    const chat = await chatFrame(page);
    await waitForBotText(chat, 'Välj språk / choose a language');
    // The learner can type at once: focus went into the chat's send box.
    await sendBoxFocused(chat);

    await onboardInWidget(chat, 'Amina');
    await clickSuggestedAction(chat, firstModule.title.en);
    await waitForBotText(chat, `lesson 1 of ${firstModule.lessons.length}`);
    const firstQuestion = lesson.steps.findIndex((step) => step.kind === 'question');
    for (const step of lesson.steps.slice(0, firstQuestion + 1)) {
      await waitForBotText(chat, visiblePart(step));
      await answerInWidget(chat, step);
    }
    await waitForBotText(chat, visiblePart(lesson.steps[firstQuestion + 1]!));
    expect(violations).toEqual([]);
  });

  it('Then the learner stored belongs to the cooperative, and to no other organisation', async () => {
    const learners = await storedLearners(scenario.server.dataDir);
    expect(learners).toHaveLength(1);
    expect(learners[0]).toMatchObject({ organisationId: COOPERATIVE, displayName: 'Amina', ventureName: 'Vätterhjul' });

    const store = scenario.server.app.store;
    const identity = learners[0]!.identities[0]!;
    expect(identity.channel).toBe('webchat');
    await expect(store.findLearner(identity, COOPERATIVE)).resolves.toMatchObject({ id: learners[0]!.id });
    await expect(store.findLearner(identity, 'demo')).resolves.toBeNull();
    const progress = await store.loadProgress(learners[0]!.id);
    expect(progress?.summary).toBeDefined();
    expect(JSON.stringify(progress?.summary)).toContain(firstModule.id);
  });

  it('Given an English page, the launcher is "Chat with …"', async () => {
    const { page } = scenario.browser;
    await page.goto(scenario.servePage('/en/', { lang: 'en-GB' }));
    await launcherButton(page).waitFor();
    expect(await page.getByRole('button', { name: 'Chat with Coach coop-a' }).count()).toBe(1);
  });

  it('Given data-lang="en" on a Swedish page, the launcher and the chat page speak English', async () => {
    const { page } = scenario.browser;
    await page.goto(scenario.servePage('/lang/', { lang: 'sv', attributes: { 'data-lang': 'en' } }));
    await page.getByRole('button', { name: 'Chat with Coach coop-a' }).click();
    const chat = await chatFrame(page);
    await expect(chat.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await chat.getByRole('link', { name: 'How your data is handled' }).waitFor();
    await chat.getByRole('button', { name: 'Close the chat' }).click();
    await chatPanel(page).waitFor({ state: 'hidden' });
  });
});
