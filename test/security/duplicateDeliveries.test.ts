import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCurriculumOrThrow } from '../../curriculum/loadCurriculum';
import { DirectLineClient } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { recordFinding, statusSummary } from '../support/findings';
import { scriptLesson, type ScriptedTurn } from '../support/scriptedLearner';
import { readStoredDocument, storedFiles } from '../support/storedFiles';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { TeamsUser } from '../support/teamsUser';

const COPIES = 200;
const OTHER_TURNS = 55;
const firstModule = loadCurriculumOrThrow().modules[0]!;
const lessonScript = scriptLesson(firstModule.lessons[0]!, 'en');
/** The lesson up to its first typed answer, and that answer: the turn that is delivered many times. */
const untilQuestion = lessonScript.slice(
  0,
  lessonScript.findIndex((turn) => turn.event.type === 'user.text'),
);
const question = lessonScript.find((turn) => turn.event.type === 'user.text')!;
const answerTextOf = (turn: ScriptedTurn) => (turn.event as { text: string }).text;

/** The one learner's progress version and answer-log length, as the data folder holds them. */
async function learnerState(dataDir: string): Promise<{ version: number; answers: number }> {
  const [learnerFile] = await storedFiles(dataDir, join(dataDir, 'learners'));
  const learnerId = learnerFile!.replace(/\.json$/, '');
  const progress = (await readStoredDocument(dataDir, join('progress', `${learnerId}.json`))) as { version: number };
  const log = await readFile(join(dataDir, 'answers', `${learnerId}.jsonl`), 'utf8').catch(() => '');
  return { version: progress.version, answers: log.split('\n').filter((line) => line.trim() !== '').length };
}

describe('the same activity delivered 200 times at once advances the conversation once', () => {
  describe('on Direct Line (the web widget)', () => {
    let server: TestServer;
    let client: DirectLineClient;
    beforeAll(async () => {
      server = await startTestServer({ MAX_CONNECTIONS_PER_ADDRESS: '1000' });
      client = new DirectLineClient(server.url);
      await client.connect();
      await client.press('en', 'English');
      await client.press('consent-yes');
      await client.say('Amina');
      await client.say('Vätterhjul');
      await client.say('We repair bikes and train people.');
      await client.press('share-yes');
      await client.press(`module:${firstModule.id}`);
      for (const turn of untilQuestion) await client.press((turn.event as { value: string }).value);
      await client.botActivities();
    });
    afterAll(async () => server?.dispose());

    const clientActivityID = `dup-${randomUUID()}`;
    const duplicated = () => ({ type: 'message', id: clientActivityID, text: answerTextOf(question), channelData: { clientActivityID } });
    const postDuplicate = async () => {
      const response = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${client.token}` },
        body: JSON.stringify(duplicated()),
      });
      return { status: response.status, body: (await response.json()) as { id?: string } };
    };
    const streamSince = async (watermark: string) => {
      const response = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities?watermark=${watermark}`, {
        headers: { Authorization: `Bearer ${client.token}` },
      });
      return (await response.json()) as {
        activities: { id: string; type: string; from: { role?: string }; replyToId?: string; channelData?: { clientActivityID?: string } }[];
        watermark: string;
      };
    };
    let originalId = '';

    it('answers every copy with the original posted-activity id, echoes it once and replies once', async () => {
      const { watermark } = await streamSince('');
      const before = await learnerState(server.dataDir);
      const responses = await Promise.all(Array.from({ length: COPIES }, postDuplicate));
      const after = await learnerState(server.dataDir);
      const stream = (await streamSince(watermark)).activities;
      const echoes = stream.filter((a) => a.channelData?.clientActivityID === clientActivityID);
      const replies = stream.filter((a) => a.from.role === 'bot' && a.type === 'message');
      originalId = responses[0]!.body.id ?? '';
      recordFinding(
        `Direct Line: posted ${COPIES} copies at once → ${statusSummary(responses.map((r) => r.status))}, ` +
          `${new Set(responses.map((r) => r.body.id)).size} distinct id, turns applied ${after.version - before.version}, ` +
          `answers logged ${after.answers - before.answers}, echoes ${echoes.length}, bot replies ${replies.length} (one set)`,
      );
      expect(responses.map((r) => r.status)).toEqual(Array(COPIES).fill(200));
      expect(new Set(responses.map((r) => r.body.id))).toEqual(new Set([echoes[0]?.id]));
      expect(after.version - before.version).toBe(1);
      expect(after.answers - before.answers).toBe(1);
      expect(echoes).toHaveLength(1);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((reply) => reply.replyToId === echoes[0]!.id)).toBe(true);
    });

    it(`recognises a redelivery after ${OTHER_TURNS} other turns, with the same answer and nothing new in the stream`, async () => {
      for (let turn = 0; turn < OTHER_TURNS; turn += 1) await client.say('progress');
      const { watermark } = await streamSince('');
      const before = await learnerState(server.dataDir);
      const again = await postDuplicate();
      const after = await learnerState(server.dataDir);
      const stream = (await streamSince(watermark)).activities;
      recordFinding(
        `Direct Line: redelivered after ${OTHER_TURNS} other turns → ${again.status}, same id ${again.body.id === originalId}, turns applied ${after.version - before.version}, new stream activities ${stream.length}`,
      );
      expect(again).toEqual({ status: 200, body: { id: originalId } });
      expect(after).toEqual(before);
      expect(stream).toEqual([]);
    });
  });

  describe('on /api/messages (Teams)', () => {
    let server: TestServer;
    let connector: FakeConnector;
    let user: TeamsUser;
    beforeAll(async () => {
      connector = await startFakeConnector();
      server = await startTestServer({ MAX_CONNECTIONS_PER_ADDRESS: '1000', UNAUTHENTICATED_MESSAGES_PER_MINUTE: '100000' });
      user = new TeamsUser(server.url, connector, 'en-GB');
      const press = (choice: string) => user.post({ ...user.base('message'), value: { choice } });
      await press('en');
      await press('consent-yes');
      await user.say('Amina');
      await user.say('Vätterhjul');
      await user.say('We repair bikes and train people.');
      await press('share-yes');
      await press(`module:${firstModule.id}`);
      for (const turn of untilQuestion) await press((turn.event as { value: string }).value);
    });
    afterAll(async () => {
      await server?.dispose();
      await connector?.close();
    });

    const post = async (activity: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    };
    let expectReplies: Record<string, unknown>;
    let originalBody = '';

    it('answers every copy (deliveryMode expectReplies) with the same reply activities, ids included', async () => {
      expectReplies = { ...user.base('message'), text: answerTextOf(question), deliveryMode: 'expectReplies' };
      const before = await learnerState(server.dataDir);
      const responses = await Promise.all(Array.from({ length: COPIES }, () => post(expectReplies)));
      const after = await learnerState(server.dataDir);
      originalBody = responses[0]!.body;
      const replies = (JSON.parse(originalBody) as { activities: { id?: string; type: string }[] }).activities;
      recordFinding(
        `/api/messages expectReplies: posted ${COPIES} copies at once → ${statusSummary(responses.map((r) => r.status))}, ` +
          `${new Set(responses.map((r) => r.body)).size} distinct body, turns applied ${after.version - before.version}, ` +
          `answers logged ${after.answers - before.answers}, replies per response ${replies.length}`,
      );
      expect(responses.map((r) => r.status)).toEqual(Array(COPIES).fill(200));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(replies.some((reply) => reply.type === 'message')).toBe(true);
      expect(replies.every((reply) => typeof reply.id === 'string' && reply.id.length > 0)).toBe(true);
      expect(after.version - before.version).toBe(1);
      expect(after.answers - before.answers).toBe(1);
    });

    it('sends one set of replies to the connector for 200 copies of an ordinary delivery', async () => {
      const activity = { ...user.base('message'), text: 'progress' };
      const postsBefore = connector.posts.length;
      const before = await learnerState(server.dataDir);
      const responses = await Promise.all(Array.from({ length: COPIES }, () => post(activity)));
      const after = await learnerState(server.dataDir);
      const sent = connector.posts.slice(postsBefore).filter((p) => p.activity.type === 'message');
      const single = { ...user.base('message'), text: 'progress' };
      const postsBeforeSingle = connector.posts.length;
      await post(single);
      const oneSet = connector.posts.slice(postsBeforeSingle).filter((p) => p.activity.type === 'message').length;
      recordFinding(
        `/api/messages: posted ${COPIES} copies at once → ${statusSummary(responses.map((r) => r.status))}, turns applied ${after.version - before.version}, ` +
          `replies sent to the connector ${sent.length} (one turn sends ${oneSet})`,
      );
      expect(responses.map((r) => r.status)).toEqual(Array(COPIES).fill(200));
      expect(after.version - before.version).toBe(1);
      expect(sent).toHaveLength(oneSet);
    });

    it(`recognises a redelivery after ${OTHER_TURNS} other turns and answers it as the first time`, async () => {
      for (let turn = 0; turn < OTHER_TURNS; turn += 1) await user.say('progress');
      const before = await learnerState(server.dataDir);
      const again = await post(expectReplies);
      const after = await learnerState(server.dataDir);
      recordFinding(
        `/api/messages: redelivered after ${OTHER_TURNS} other turns → ${again.status}, same body ${again.body === originalBody}, turns applied ${after.version - before.version}`,
      );
      expect(again).toEqual({ status: 200, body: originalBody });
      expect(after).toEqual(before);
    });
  });
});
