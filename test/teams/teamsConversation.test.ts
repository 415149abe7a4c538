import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import type { Step } from '../../curriculum/schema';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { answerText } from '../support/scriptedLearner';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { readableTeams, TeamsUser } from '../support/teamsUser';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;

/** Lets a Teams learner answer one step: buttons for choices, typed text for questions. */
async function answer(user: TeamsUser, step: Step) {
  switch (step.kind) {
    case 'teach':
    case 'example':
      return user.tap('next', 'Vidare ▸');
    case 'question':
      return user.say(answerText(step, 'sv'));
    case 'quiz': {
      const correct = step.options.find((o) => o.correct)!;
      return user.tap(correct.id, correct.text.sv);
    }
    case 'choice':
      return user.tap(step.options[0]!.id, step.options[0]!.text.sv);
    case 'scale':
      return user.tap('4', '4');
    case 'sdg':
      await user.say('3');
      return user.say('10, 11');
    case 'summary':
      return user.latest;
  }
}

async function onboard(user: TeamsUser) {
  await user.tap('sv', 'Svenska');
  await user.tap('consent-yes', 'Ja, det är okej');
  await user.say('Amina');
  await user.say('Vätterhjul');
  await user.say('Vi lagar cyklar och ger arbetsträning.');
  return user.tap('share-yes', 'Ja, de får se dem');
}

describe('the programme in Teams personal chat, over the real /api/messages', () => {
  let server: TestServer;
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
    await connector.close();
  });

  it('welcomes once on install, even when Teams announces it twice in two ways', async () => {
    const user = new TeamsUser(server.url, connector);
    const installed = { ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] };
    const welcome = await user.post(installed);
    expect(readableTeams(welcome)).toContain('Välj språk / choose a language');
    expect(await user.post({ ...user.base('installationUpdate'), action: 'add' })).toEqual([]);
    expect(await user.post({ ...installed, id: String(Date.now()) })).toEqual([]);
  });

  it('runs a whole lesson with card and button submits, stripping mentions and ignoring the html copy of the text', async () => {
    const user = new TeamsUser(server.url, connector);
    await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
    const menu = readableTeams(await onboard(user));
    expect(menu).toContain('Dina moduler');
    expect(menu).toContain('▱▱▱▱▱ 0 %');

    const opening = readableTeams(await user.tap(`module:${firstModule.id}`, firstModule.title.sv));
    expect(opening).toContain(`lektion 1 av ${firstModule.lessons.length}`);

    let last = '';
    for (const step of lesson.steps) {
      if (step.kind === 'summary') break;
      last = readableTeams((await answer(user, step)) ?? []);
    }
    expect(last).toContain(`Sammanfattning: ${lesson.title.sv}`);
    expect(last).toContain(
      answerText(
        lesson.steps.find((s) => s.kind === 'question')!,
        'sv',
      ),
    );

    const help = readableTeams(
      await user.say('<at>Coach</at> hjälp', {
        entities: [{ type: 'mention', text: '<at>Coach</at>', mentioned: { id: user.botId, name: 'Coach' } }],
      }),
    );
    expect(help).toContain('Du kan skriva');
  });

  it('does not advance twice when Teams redelivers the same activity', async () => {
    const user = new TeamsUser(server.url, connector);
    await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
    await user.tap('sv', 'Svenska');
    await user.tap('consent-yes', 'Ja, det är okej');
    const name = { ...user.base('message'), text: 'Amina', textFormat: 'plain' };
    expect(readableTeams(await user.post(name))).toContain('Trevligt att träffas, Amina!');
    expect(await user.post(name)).toEqual([]);
    expect(readableTeams(await user.say('Vätterhjul'))).toContain('vad Vätterhjul gör');
  });

  it('answers an edited message with a note on how to change an answer', async () => {
    const user = new TeamsUser(server.url, connector);
    await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
    await user.tap('sv', 'Svenska');
    await user.tap('consent-yes', 'Ja, det är okej');
    const edited = await user.post({
      ...user.base('messageUpdate'),
      text: 'Amina!',
      channelData: { tenant: { id: user.tenantId }, eventType: 'editMessage' },
    });
    expect(readableTeams(edited)).toContain('Jag såg att du ändrade ett meddelande');
  });

  it('accepts a deleted message quietly and keeps the answers given', async () => {
    const user = new TeamsUser(server.url, connector);
    await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
    await user.tap('sv', 'Svenska');
    await user.tap('consent-yes', 'Ja, det är okej');
    await user.say('Amina');
    const deleted = await user.post({
      ...user.base('messageDelete'),
      channelData: { tenant: { id: user.tenantId }, eventType: 'softDeleteMessage' },
    });
    expect(deleted).toEqual([]);
    expect(readableTeams(await user.say('Vätterhjul'))).toContain('vad Vätterhjul gör');
  });

  it('links Teams to the web widget with a one-time code, continuing at the same step', async () => {
    const user = new TeamsUser(server.url, connector);
    await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
    await onboard(user);
    await user.tap(`module:${firstModule.id}`, firstModule.title.sv);
    await answer(user, lesson.steps[0]!);
    const codeReply = readableTeams(await user.say('koppla'));
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(codeReply)?.[1];
    expect(code).toBeDefined();

    const web = new DirectLineClient(server.url);
    expect(readable(await web.connect())).toContain('choose a language');
    const linked = readable(await web.say(code!));
    expect(linked).toContain('Klart! Den här chatten är nu kopplad till ditt konto, Amina.');
    expect(linked).toContain(
      lesson.steps[1]!.kind === 'teach' || lesson.steps[1]!.kind === 'example'
        ? (lesson.steps[1] as { text: { sv: string } }).text.sv.slice(0, 30)
        : '',
    );
    const next = readable(await web.press('next', 'Vidare ▸'));
    const third = lesson.steps[2]!;
    expect(next).toContain(('text' in third ? third.text.sv : third.prompt.sv).slice(0, 30));
  });
});
