import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { answerText } from '../support/scriptedLearner';
import { chatFrame, clickSuggestedAction, launchBrowser, sendText, waitForBotText, type TestBrowser } from '../support/browser';
import { answerInWidget, visiblePart } from '../support/browserLearner';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { WEB_CHAT_LIMITS } from '../../adapters/directline/webChatLimits';
import { recordFinding } from '../support/findings';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;

/** What the widget posted to the activities route: each activity's type, its size in bytes and its text's. */
interface PostedActivity {
  readonly type: string;
  readonly bytes: number;
  readonly textBytes: number;
  readonly valueBytes: number;
}

describe('a learner in the stock Web Chat widget in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const posted: PostedActivity[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    browser.page.on('request', (request) => {
      const body = request.postData();
      if (request.method() !== 'POST' || body === null || !/\/v3\/directline\/conversations\/[^/]+\/activities$/.test(request.url())) return;
      const activity = JSON.parse(body) as { type: string; text?: string; value?: unknown };
      posted.push({
        type: activity.type,
        bytes: Buffer.byteLength(body),
        textBytes: Buffer.byteLength(activity.text ?? ''),
        valueBytes: activity.value === undefined ? 0 : Buffer.byteLength(JSON.stringify(activity.value)),
      });
    });
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

  it("posts activities far below the endpoint's limits (measured: the size of everything the widget sent)", () => {
    expect(posted.length).toBeGreaterThan(lesson.steps.length);
    const largest = (pick: (activity: PostedActivity) => number, of = posted) => Math.max(0, ...of.map(pick));
    // Beyond the text, what the widget adds (ids, locale, timestamps, channelData) is what the limits must leave room for.
    const envelope = largest((activity) => activity.bytes - activity.textBytes);
    const value = largest((activity) => activity.valueBytes);
    const others = posted.filter((activity) => activity.type !== 'message');
    recordFinding(
      `the widget posted ${posted.length} activities (${[...new Set(posted.map((activity) => activity.type))].join(', ')}): ` +
        `largest ${largest((activity) => activity.bytes)} bytes, largest envelope beside the text ${envelope} bytes, largest value ${value} bytes; ` +
        `limits: message ${WEB_CHAT_LIMITS.messageBytes}, event ${WEB_CHAT_LIMITS.eventBytes}, value ${WEB_CHAT_LIMITS.valueBytes} bytes`,
    );
    // The longest answer the bot reads, all in three-byte characters, with the widget's envelope: under half a message's limit.
    expect(2 * (envelope + 3 * WEB_CHAT_LIMITS.echoTextChars)).toBeLessThan(WEB_CHAT_LIMITS.messageBytes);
    expect(4 * envelope).toBeLessThan(WEB_CHAT_LIMITS.eventBytes);
    expect(4 * value).toBeLessThan(WEB_CHAT_LIMITS.valueBytes);
    expect(4 * largest((activity) => activity.bytes, others)).toBeLessThan(WEB_CHAT_LIMITS.eventBytes);
  });
});
