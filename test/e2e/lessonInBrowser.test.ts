import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Step } from '../../curriculum/schema';
import { answerText } from '../support/scriptedLearner';
import { chatFrame, clickSuggestedAction, launchBrowser, sendText, waitForBotText, type ChatSurface, type TestBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/startTestServer';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;

/** A piece of the step's opening text that survives Markdown rendering. */
function visiblePart(step: Step): string {
  const text = 'text' in step ? step.text.en : step.prompt.en;
  return text.replace(/[*_`[\]]/g, '').slice(0, 24);
}

/** Answers one step the way a person would: clicking buttons, typing free text. */
async function answer(page: ChatSurface, step: Step): Promise<void> {
  switch (step.kind) {
    case 'teach':
    case 'example':
      return clickSuggestedAction(page, 'Next ▸');
    case 'question':
      return sendText(page, answerText(step, 'en'));
    case 'quiz':
      return clickSuggestedAction(page, step.options.find((o) => o.correct)!.text.en);
    case 'choice':
      return clickSuggestedAction(page, step.options[0]!.text.en);
    case 'scale':
      return clickSuggestedAction(page, '4');
    case 'sdg':
      await sendText(page, '3');
      await waitForBotText(page, 'Which goals do you also contribute to?');
      return sendText(page, '10, 11');
    case 'summary':
      return undefined;
  }
}

describe('a learner in the stock Web Chat widget in Chromium', () => {
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

  it('onboards, completes the first lesson by typing and clicking, and keeps their place across a reload', async () => {
    await browser.page.goto(server.url);
    let page = await chatFrame(browser.page);
    await waitForBotText(page, 'Välj språk / choose a language');

    await clickSuggestedAction(page, 'English');
    await waitForBotText(page, 'Is that OK?');
    await clickSuggestedAction(page, 'Yes, that is OK');
    await waitForBotText(page, 'What is your first name?');
    await sendText(page, 'Amina');
    await waitForBotText(page, 'Nice to meet you, Amina!');
    await sendText(page, 'Vätterhjul');
    await waitForBotText(page, 'what Vätterhjul does');
    await sendText(page, 'We repair bicycles and offer work training.');
    await clickSuggestedAction(page, 'Yes, they may see them');
    await waitForBotText(page, 'Your modules');
    await waitForBotText(page, '▱▱▱▱▱ 0 %');

    await clickSuggestedAction(page, firstModule.title.en);
    await waitForBotText(page, `lesson 1 of ${firstModule.lessons.length}`);

    const reloadAt = lesson.steps.findIndex((s) => s.kind === 'quiz');
    for (const [index, step] of lesson.steps.entries()) {
      if (step.kind === 'summary') break;
      await waitForBotText(page, visiblePart(step));
      if (index === reloadAt) {
        await browser.page.reload();
        page = await chatFrame(browser.page);
        await waitForBotText(page, 'Welcome back, Amina!');
        await waitForBotText(page, visiblePart(step));
      }
      await answer(page, step);
    }

    await waitForBotText(page, `Summary: ${lesson.title.en}`);
    await waitForBotText(
      page,
      answerText(
        lesson.steps.find((s) => s.kind === 'question')!,
        'en',
      ),
    );
    await waitForBotText(page, `(1 of ${firstModule.lessons.length} lessons done)`);
  });
});
