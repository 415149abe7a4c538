import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONVERSATION_ENDED_EVENT } from '../../adapters/directline/directLineRoutes';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { startTestServer, type TestServer } from '../support/startTestServer';
import { readableTeams, TeamsUser } from '../support/teamsUser';

/** Every file under a folder whose content contains the text. */
async function filesContaining(folder: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path, 'utf8')).includes(text)) found.push(path);
  }
  return found;
}

async function onboard(client: DirectLineClient, name: string, venture: string) {
  await client.connect();
  await client.press('en', 'English');
  await client.press('consent-yes');
  await client.say(name);
  await client.say(venture);
  await client.say('We repair bikes and train people who need work.');
  return client.press('share-yes');
}

describe('"delete my data" in the web chat, on the real server', () => {
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

  it('removes the transcript from the store, tells the open page, and revokes its token and resume key', async () => {
    const learner = new DirectLineClient(server.url);
    await onboard(learner, 'Zelmira', 'Cykelköket Zeta');
    expect(await filesContaining(server.dataDir, 'Cykelköket Zeta')).not.toEqual([]);

    expect(readable(await learner.say('delete my data'))).toContain('Do you really want to delete everything');
    await learner.press('delete-yes', 'Yes, delete everything');

    // What is left of the stream: the confirming click and the bot's farewell, then the end of the conversation.
    const everything = await learner.poll('start');
    expect(everything.map((activity) => activity.text ?? (activity as { name?: string }).name)).toEqual([
      'Yes, delete everything',
      expect.stringContaining('has been deleted'),
      CONVERSATION_ENDED_EVENT,
    ]);
    expect(await filesContaining(server.dataDir, 'Cykelköket Zeta')).toEqual([]);
    expect(await filesContaining(server.dataDir, 'Zelmira')).toEqual([]);
    await expect(learner.say('hello again')).rejects.toThrow(/403/);
    const returning = new DirectLineClient(server.url);
    expect(readable(await returning.connect(learner.resumeKey))).toContain('choose a language');
    expect(returning.userId).not.toBe(learner.userId);
  });

  it('deleting in Teams also removes the linked web chat and ends its page', async () => {
    const web = new DirectLineClient(server.url);
    await onboard(web, 'Ilse', 'Verkstan Ypsilon');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(readable(await web.say('link')))?.[1];
    expect(code).toBeDefined();
    const teams = new TeamsUser(server.url, connector, 'en-US');
    await teams.post({ ...teams.base('conversationUpdate'), membersAdded: [{ id: teams.botId }] });
    expect(readableTeams(await teams.say(code!))).toContain('Ilse');

    await teams.say('delete my data');
    expect(readableTeams(await teams.tap('delete-yes', 'Yes, delete everything'))).toContain('has been deleted');

    const page = await web.poll('start');
    expect(page.map((activity) => (activity as { name?: string }).name ?? activity.type)).toEqual([CONVERSATION_ENDED_EVENT]);
    expect(await filesContaining(server.dataDir, 'Verkstan Ypsilon')).toEqual([]);
    const returning = new DirectLineClient(server.url);
    await returning.connect(web.resumeKey);
    expect(returning.userId).not.toBe(web.userId);
  });
});
