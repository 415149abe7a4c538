import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { join } from 'node:path';
import { DirectLineClient, readable } from '../support/directLineClient';
import { storedFiles } from '../support/storedFiles';
import { scriptLesson } from '../support/scriptedLearner';
import { startTestServer, type TestServer } from '../support/startTestServer';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const firstLesson = firstModule.lessons[0]!;

async function play(client: DirectLineClient, turn: ReturnType<typeof scriptLesson>[number]) {
  return turn.event.type === 'user.text' ? client.say(turn.event.text) : client.press(turn.event.value);
}

describe('a learner in the web widget, over real HTTP through the self-hosted Direct Line endpoint', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.dispose());

  it('is greeted first, onboards, completes a lesson, and continues after a server restart', async () => {
    server = await startTestServer();
    const client = new DirectLineClient(server.url);

    expect(readable(await client.connect())).toContain('Välj språk / choose a language');
    expect(readable(await client.press('en', 'English'))).toContain('Is that OK?');
    expect(readable(await client.press('consent-yes'))).toContain('What is your first name?');
    expect(readable(await client.say('Amina'))).toContain('Nice to meet you, Amina!');
    expect(readable(await client.say('Vätterhjul'))).toContain('what Vätterhjul does');
    expect(readable(await client.say('We repair bikes and train people.'))).toContain('may the advisors');
    const menu = readable(await client.press('share-yes'));
    expect(menu).toContain(firstModule.title.en);
    expect(menu).toContain('▱▱▱▱▱ 0 %');

    const opening = readable(await client.press(`module:${firstModule.id}`));
    expect(opening).toContain(`lesson 1 of ${firstModule.lessons.length}`);

    const script = scriptLesson(firstLesson, 'en');
    const half = Math.floor(script.length / 2);
    for (const turn of script.slice(0, half)) expect(readable(await play(client, turn))).toContain(turn.expectReply);

    // Restart the server on the same data folder; the page keeps its token and comes back.
    const { dataDir } = server;
    await server.stop();
    server = await startTestServer({}, dataDir);
    const returning = new DirectLineClient(server.url);
    const welcomeBack = readable(await returning.connect(client.resumeKey));
    expect(returning.conversationId).toBe(client.conversationId);
    expect(welcomeBack).toContain('Welcome back, Amina!');

    let lastReply = '';
    for (const turn of script.slice(half)) {
      lastReply = readable(await play(returning, turn));
      expect(lastReply).toContain(turn.expectReply);
    }
    expect(lastReply).toContain(`Summary: ${firstLesson.title.en}`);
    expect(lastReply).toContain(`(1 of ${firstModule.lessons.length} lessons done)`);
    const firstQuestion = script.find((turn) => turn.event.type === 'user.text')!;
    expect(lastReply).toContain((firstQuestion.event as { text: string }).text);
  });

  it('stores nothing about a visitor who only opens the page, and starts storing with their first answer', async () => {
    server = await startTestServer();
    const learners = () => storedFiles(server!.dataDir, join(server!.dataDir, 'learners'));
    const visitor = new DirectLineClient(server.url);
    expect(readable(await visitor.connect())).toContain('choose a language');
    const again = new DirectLineClient(server.url);
    expect(readable(await again.connect(visitor.resumeKey))).toContain('choose a language');
    expect(await learners()).toEqual([]);

    expect(readable(await again.press('sv', 'Svenska'))).toContain('Är det okej?');
    expect(readable(await again.press('consent-yes'))).toContain('Vad heter du i förnamn?');
    expect(await learners()).toHaveLength(1);
  });
});
