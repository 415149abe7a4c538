import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { DirectLineClient, readable, type WireActivity } from '../support/directLineClient';
import { scriptLesson } from '../support/scriptedLearner';
import { startTestServer, type TestServer } from '../support/startTestServer';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const firstLesson = firstModule.lessons[0]!;
const quiz = firstLesson.steps.find((s) => s.kind === 'quiz')!;
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

async function learnerPastTheQuiz(server: TestServer, locale: 'sv' | 'en'): Promise<DirectLineClient> {
  const client = new DirectLineClient(server.url);
  await client.connect();
  await client.press(locale);
  await client.press('consent-yes');
  await client.say(HOSTILE_NAME);
  await client.say('Vätterhjul & Co');
  await client.say('We repair bikes and train people.');
  await client.press('share-no');
  await client.press(`module:${firstModule.id}`);
  const script = scriptLesson(firstLesson, locale);
  const quizTurn = script.findIndex(
    (turn) =>
      turn.event.type === 'user.choice' && quiz.kind === 'quiz' && quiz.options.some((o) => 'value' in turn.event && o.id === turn.event.value),
  );
  for (const turn of script.slice(0, quizTurn + 1)) {
    if (turn.event.type === 'user.text') await client.say(turn.event.text);
    else await client.press(turn.event.value);
  }
  return client;
}

function exportFiles(activities: readonly WireActivity[]): { document: string; data: string } {
  const files = activities.flatMap((a) => a.attachments ?? []);
  const document = files.find((f) => f.contentType === 'text/html')?.contentUrl;
  const data = files.find((f) => f.contentType === 'application/json')?.contentUrl;
  if (!document || !data) throw new Error(`no export links in ${JSON.stringify(activities)}`);
  return { document, data };
}

describe('"export my data": a readable document and a data file on short-lived links', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server.dispose());

  it('gives a document in the learner’s language with the questions, the answers as shown and the profile, all escaped', async () => {
    const client = await learnerPastTheQuiz(server, 'en');
    const replies = await client.say('export my data');
    expect(readable(replies)).toContain('The links work for 15 minutes');
    const { document } = exportFiles(replies);

    const response = await fetch(`${server.url}${document}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('My data in the programme');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Vätterhjul &#38; Co');
    expect(html).toContain('We repair bikes and train people.');
    if (quiz.kind !== 'quiz') throw new Error('the first lesson has no quiz');
    const chosen = quiz.options.find((o) => o.correct)!;
    expect(html).toContain(chosen.text.en.replace(/&/g, '&#38;').replace(/'/g, '&#39;').replace(/"/g, '&#34;'));
    expect(html).not.toContain(`>${chosen.id}<`);
    expect(html).toMatch(/Advisors see your answers<\/dt><dd>No</);
  });

  it('gives the same as a data file: the readable view and every stored record', async () => {
    const client = await learnerPastTheQuiz(server, 'sv');
    const { data } = exportFiles(await client.say('exportera mina data'));
    const response = await fetch(`${server.url}${data}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="mina-uppgifter.json"');
    const exported = (await response.json()) as {
      readable: { locale: string; title: string; answers: { modules: { lessons: { answers: { question: string; answer: string }[] }[] }[] } };
      stored: { learner: { displayName: string }; answers: unknown[] };
    };
    expect(exported.readable.locale).toBe('sv');
    expect(exported.readable.title).toBe('Mina uppgifter i programmet');
    expect(exported.stored.learner.displayName).toBe(HOSTILE_NAME);
    const shown = exported.readable.answers.modules.flatMap((m) => m.lessons.flatMap((l) => l.answers));
    expect(shown).toHaveLength(exported.stored.answers.length);
    expect(shown.every((a) => a.question.length > 0)).toBe(true);
  });

  it('finds nothing with a forged or altered link, or once the learner has deleted their data', async () => {
    const client = await learnerPastTheQuiz(server, 'en');
    const { document, data } = exportFiles(await client.say('export my data'));
    const token = new URL(document, server.url).searchParams.get('t')!;
    const [kind, payload, signature] = token.split('.');
    const altered = `${kind}.${payload}.${signature!.slice(0, -2)}AA`;
    expect((await fetch(`${server.url}/exports/my-data.html?t=${altered}`)).status).toBe(404);
    expect((await fetch(`${server.url}/exports/my-data.html?t=ex1.e30.${signature}`)).status).toBe(404);
    expect((await fetch(`${server.url}/exports/my-data.html`)).status).toBe(404);
    expect((await fetch(`${server.url}/exports/..%2Fsecret.html?t=${token}`)).status).toBe(404);

    await client.say('delete my data');
    await client.press('delete-yes');
    const gone = await fetch(`${server.url}${document}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('This link has expired, or the data is no longer there.');
    expect((await fetch(`${server.url}${data}`)).status).toBe(404);
  });
});
