import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { startBotProcess, type BotProcess } from '../support/startBotProcess';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { freshConnectionFetch } from '../support/freshConnectionFetch';
import { describeWithJongodb, startJongodb, type Jongodb } from '../support/jongodb';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/roundRobinProxy';
import { scriptLesson, type ScriptedTurn } from '../support/scriptedLearner';
import { readableTeams, TeamsUser } from '../support/teamsUser';
import { recordFinding } from '../support/findings';

const firstModule = loadCurriculumOrThrow().modules[0]!;
const lesson = firstModule.lessons[0]!;
const script = scriptLesson(lesson, 'en');

jest.setTimeout(120_000);

async function playWeb(client: DirectLineClient, turn: ScriptedTurn): Promise<string> {
  return readable(await (turn.event.type === 'user.text' ? client.say(turn.event.text) : client.press(turn.event.value)));
}

async function playTeams(user: TeamsUser, turn: ScriptedTurn): Promise<string> {
  const replies =
    turn.event.type === 'user.text'
      ? await user.say(turn.event.text)
      : await user.post({ ...user.base('message'), value: { choice: turn.event.value } });
  return readableTeams(replies);
}

/** What a turn puts in the answer log: typed text, or the option chosen (not "Next"). */
function answerOf(turn: ScriptedTurn): string[] {
  if (turn.event.type === 'user.text') return [turn.event.text];
  return turn.event.value === 'next' ? [] : [turn.event.value];
}

async function onboardWeb(client: DirectLineClient, name: string): Promise<string> {
  await client.connect();
  await client.press('en', 'English');
  await client.press('consent-yes');
  await client.say(name);
  await client.say(`${name}s cykelverkstad`);
  await client.say('We repair bikes and train people who need work.');
  return readable(await client.press('share-yes'));
}

async function onboardTeams(user: TeamsUser, name: string): Promise<string> {
  await user.post({ ...user.base('conversationUpdate'), membersAdded: [{ id: user.botId }] });
  for (const choice of ['en', 'consent-yes']) await user.post({ ...user.base('message'), value: { choice } });
  await user.say(name);
  await user.say(`${name}s verkstad`);
  await user.say('We repair bikes and train people who need work.');
  return readableTeams(await user.post({ ...user.base('message'), value: { choice: 'share-yes' } }));
}

describeWithJongodb('two bot processes on one MongoDB behind a round-robin load balancer, without sticky sessions', () => {
  let database: Jongodb;
  let mongo: MongoClient;
  let connector: FakeConnector;
  let instances: BotProcess[];
  let proxy: RoundRobinProxy;
  const dataDirs: string[] = [];
  const uri = () => database.uriFor('two_instances');

  /** The answers in the log with exactly this text. */
  async function loggedAnswers(text: string): Promise<string[]> {
    const found = await mongo.db().collection('answers').find({ answer: text }).toArray();
    return found.map((answer) => String(answer.answer));
  }

  /** Every answer in the log of the web learner with this learner key. */
  async function answersOfWebLearner(learnerKey: string): Promise<string[]> {
    const claim = await mongo
      .db()
      .collection<{ _id: string; learnerId: string }>('identities')
      .findOne({ _id: `demo/webchat:-:${learnerKey}` });
    const found = await mongo.db().collection('answers').find({ learnerId: claim?.learnerId }).toArray();
    return found.map((answer) => String(answer.answer));
  }

  beforeAll(async () => {
    database = await startJongodb();
    mongo = new MongoClient(uri());
    connector = await startFakeConnector();
    const env = { MONGODB_URI: uri(), WEBCHAT_TOKEN_SECRET: 'two-instances-share-this-secret-0123456789', LOG_LEVEL: 'warn' };
    instances = [];
    for (let instance = 0; instance < 2; instance += 1) {
      const dataDir = await mkdtemp(join(tmpdir(), `instance-${instance}-`));
      dataDirs.push(dataDir);
      instances.push(await startBotProcess({ ...env, DATA_DIR: dataDir }));
    }
    proxy = await startRoundRobinProxy(instances.map((instance) => instance.port));
  });

  afterAll(async () => {
    await proxy?.stop();
    for (const instance of instances ?? []) await instance.kill();
    await mongo?.close();
    await connector?.close();
    await database?.stop();
    for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
  });

  it('a web learner whose every request reaches the other instance onboards and completes a lesson, and sees the whole history', async () => {
    const before = [...proxy.connections];
    const learner = new DirectLineClient(proxy.url, freshConnectionFetch);
    expect(await onboardWeb(learner, 'Amina')).toContain(firstModule.title.en);
    expect(readable(await learner.press(`module:${firstModule.id}`))).toContain(`lesson 1 of ${firstModule.lessons.length}`);
    let last = '';
    for (const [index, turn] of script.entries()) {
      last = await playWeb(learner, turn);
      expect(last).toContain(turn.expectReply);
      // A turn is two requests (post, poll); one more now and then lets the posts, too, alternate between the instances.
      if (index % 2 === 1) await freshConnectionFetch(`${proxy.url}/healthz`);
    }
    expect(last).toContain(`Summary: ${lesson.title.en}`);

    const served = proxy.connections.map((count, instance) => count - before[instance]!);
    expect(Math.min(...served)).toBeGreaterThan(script.length);
    const history = readable((await learner.poll('start')).filter((activity) => activity.from.role === 'bot'));
    expect(history).toContain('Nice to meet you, Amina!');
    expect(history.indexOf('Nice to meet you, Amina!')).toBeLessThan(history.indexOf(`Summary: ${lesson.title.en}`));
    recordFinding(`two instances, web learner: ${served.join(' + ')} connections, ${script.length} lesson turns, history complete`);
  });

  it('a Teams learner whose every request reaches the other instance onboards and completes a lesson', async () => {
    const before = [...proxy.connections];
    const user = new TeamsUser(proxy.url, connector, 'en-US');
    user.fetcher = freshConnectionFetch;
    expect(await onboardTeams(user, 'Bashir')).toContain(firstModule.title.en);
    await user.post({ ...user.base('message'), value: { choice: `module:${firstModule.id}` } });
    let last = '';
    for (const turn of script) {
      last = await playTeams(user, turn);
      expect(last).toContain(turn.expectReply);
    }
    expect(last).toContain(`Summary: ${lesson.title.en}`);
    const served = proxy.connections.map((count, instance) => count - before[instance]!);
    expect(Math.min(...served)).toBeGreaterThan(script.length / 2 - 2);
    recordFinding(`two instances, Teams learner: ${served.join(' + ')} connections, lesson complete`);
  });

  it('two linked identities answering at once on different instances lose no answer', async () => {
    const [first, second] = instances;
    const web = new DirectLineClient(first!.url);
    await onboardWeb(web, 'Chiara');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(readable(await web.say('link')))?.[1];
    const teams = new TeamsUser(second!.url, connector, 'en-US');
    await teams.post({ ...teams.base('conversationUpdate'), membersAdded: [{ id: teams.botId }] });
    expect(readableTeams(await teams.say(code!))).toContain('Chiara');

    await web.press(`module:${firstModule.id}`);
    const questions: string[] = [];
    for (const turn of script) {
      if (turn.event.type === 'user.text' && questions.length < 3) {
        // Both windows have been shown this question; they answer at the same moment, one on each instance.
        await teams.say('continue');
        const fromWeb = `${turn.event.text} (web ${questions.length})`;
        const fromTeams = `${turn.event.text} (Teams ${questions.length})`;
        const [webReply] = await Promise.all([playWeb(web, { ...turn, event: { type: 'user.text', text: fromWeb } }), teams.say(fromTeams)]);
        questions.push(fromWeb, fromTeams);
        if (!webReply.includes(turn.expectReply)) await web.botActivities();
        continue;
      }
      await playWeb(web, turn);
    }

    for (const answer of questions) expect(await loggedAnswers(answer)).toEqual([answer]);
    recordFinding(`two instances, linked web + Teams answering at once: ${questions.length} answers sent, ${questions.length} in the answer log`);
  });

  it('when one instance is killed mid-lesson, nothing is lost and the learner carries on through the other', async () => {
    const learner = new DirectLineClient(proxy.url, freshConnectionFetch);
    await onboardWeb(learner, 'Dragan');
    await learner.press(`module:${firstModule.id}`);
    const half = Math.floor(script.length / 2);
    const answered: string[] = [];
    for (const turn of script.slice(0, half)) {
      expect(await playWeb(learner, turn)).toContain(turn.expectReply);
      answered.push(...answerOf(turn));
    }

    await instances[0]!.kill();
    let last = '';
    for (const turn of script.slice(half)) {
      last = await playWeb(learner, turn);
      expect(last).toContain(turn.expectReply);
      answered.push(...answerOf(turn));
    }

    expect(last).toContain(`Summary: ${lesson.title.en}`);
    const history = readable((await learner.poll('start')).filter((activity) => activity.from.role === 'bot'));
    expect(history).toContain('Nice to meet you, Dragan!');
    expect(new Set(await answersOfWebLearner(learner.userId))).toEqual(new Set(answered));
    recordFinding(`two instances, one killed mid-lesson: ${answered.length} answers given, all in the log; lesson finished on the other`);
  });
});
