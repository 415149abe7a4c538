import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { WEB_CHAT_LIMITS, WEB_CHAT_STREAM_BUDGET } from '../../adapters/directline/webChatLimits';
import { MongoConversationStreams } from '../../adapters/storage/mongo/mongoConversationStreams';
import { MongoWebSessions } from '../../adapters/storage/mongo/mongoWebSessions';
import { WEB_CHAT_COLLECTIONS, WebChatDatabase } from '../../adapters/storage/mongo/webChatCollections';
import type { ChannelBot } from '../../bot/channel/channelTurn';
import { DirectLineClient } from '../support/directLineClient';
import { manualClock, startDirectLineHarness, type DirectLineHarness } from '../support/directLineHarness';
import { describeWithJongodb, startJongodb, type Jongodb } from '../support/jongodb';
import { recordFinding } from '../support/findings';

const answers: ChannelBot = async (turn) => {
  if (turn.activity.type === 'conversationUpdate') await turn.send([{ type: 'message', text: 'Welcome!' }]);
  if (turn.activity.type === 'message') {
    const said = turn.activity.text ?? '';
    await turn.send([
      { type: 'message', text: `You said: ${said}` },
      ...(said === 'two replies' ? [{ type: 'message' as const, text: `And again: ${said}` }] : []),
    ]);
  }
};

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'createIndexes', 'bulkWrite']);
const IDLE_POLLS = 30;
/** The widget polls once a second. */
const POLL_EVERY_SECONDS = 1;

describeWithJongodb('what a Web Chat poll costs on MongoDB, over the real routes', () => {
  let database: Jongodb;
  let client: MongoClient;
  let harness: DirectLineHarness;
  const commands: CommandStartedEvent[] = [];

  beforeAll(async () => {
    database = await startJongodb();
    client = new MongoClient(process.env.MONGODB_URI ?? database.uriFor('poll_cost'), { monitorCommands: true, ignoreUndefined: true });
    client.on('commandStarted', (event) => commands.push(event));
    const db = new WebChatDatabase(async () => {
      await client.connect();
      return client.db();
    });
    harness = await startDirectLineHarness({
      bot: answers,
      clock: manualClock(),
      stores: { streams: new MongoConversationStreams(db, WEB_CHAT_STREAM_BUDGET), sessions: new MongoWebSessions(db) },
    });
  });
  afterAll(async () => {
    await harness?.dispose();
    await client?.close();
    await database?.stop();
  });

  it(`an idle poll is one query on the (conversationId, seq) index and writes nothing; the session is read at most every ${WEB_CHAT_LIMITS.sessionCacheMs / 1000} s`, async () => {
    const learner = new DirectLineClient(harness.baseUrl);
    await learner.connect();
    expect((await learner.say('hello')).map((activity) => activity.text)).toEqual(['You said: hello']);

    commands.length = 0;
    for (let poll = 0; poll < IDLE_POLLS; poll += 1) {
      harness.clock.advanceSeconds(POLL_EVERY_SECONDS);
      expect(await learner.poll()).toEqual([]);
    }
    const byCollection = (name: string) => commands.filter((command) => command.command[command.commandName] === name);
    const streamQueries = byCollection(WEB_CHAT_COLLECTIONS.activities);
    const sessionReads = byCollection(WEB_CHAT_COLLECTIONS.sessions);
    recordFinding(
      `${IDLE_POLLS} idle polls, one a second: ${commands.length} MongoDB commands (${streamQueries.length} on the stream, ${sessionReads.length} session reads), ` +
        `${commands.filter((command) => WRITES.has(command.commandName)).length} writes`,
    );

    expect(commands.filter((command) => WRITES.has(command.commandName))).toEqual([]);
    expect(streamQueries).toHaveLength(IDLE_POLLS);
    for (const query of streamQueries) {
      expect(query.commandName).toBe('find');
      expect(Object.keys(query.command.filter as object).sort()).toEqual(['conversationId', 'seq']);
      expect(Object.fromEntries(query.command.sort as Map<string, number>)).toEqual({ seq: 1 });
    }
    expect(sessionReads.length).toBeLessThanOrEqual(Math.ceil((IDLE_POLLS * POLL_EVERY_SECONDS * 1000) / WEB_CHAT_LIMITS.sessionCacheMs));
    for (const read of sessionReads) expect(Object.keys(read.command.filter as object)).toEqual(['_id']);
    expect(commands.length).toBe(streamQueries.length + sessionReads.length);

    const indexes = await client.db().collection(WEB_CHAT_COLLECTIONS.activities).indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { conversationId: 1, seq: 1 }, unique: true }));
  });
  it("a turn appends the learner's message and the bot's replies with one insert each, without reading the stream's tail again", async () => {
    const learner = new DirectLineClient(harness.baseUrl);
    await learner.connect();
    await learner.say('first');

    commands.length = 0;
    expect((await learner.say('two replies')).map((activity) => activity.text)).toEqual(['You said: two replies', 'And again: two replies']);
    const onStream = commands.filter((command) => command.command[command.commandName] === WEB_CHAT_COLLECTIONS.activities);
    const tailReads = onStream.filter(
      (command) => command.commandName === 'find' && (command.command.sort as Map<string, number> | undefined)?.get('seq') === -1,
    );
    recordFinding(`a turn with two replies on MongoDB: ${onStream.length} commands on the stream, ${tailReads.length} tail reads`);

    expect(onStream.filter((command) => command.commandName === 'insert').map((command) => (command.command.documents as unknown[]).length)).toEqual([
      1, 2,
    ]);
    expect(tailReads).toEqual([]);
  });
});
