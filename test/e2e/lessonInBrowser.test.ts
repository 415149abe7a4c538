import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { answerText } from '../support/scriptedLearner';
import { chatFrame, clickSuggestedAction, launchBrowser, sendText, waitForBotText, type TestBrowser } from '../support/browser';
import { answerInWidget, visiblePart } from '../support/browserLearner';
import { startTestServer, type TestServer } from '../support/startTestServer';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;

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
      await answerInWidget(page, step);
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
