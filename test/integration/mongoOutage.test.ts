import { say } from '../../dialogs/catalogue';
import { MessagesLearner } from '../faults/support/messagesLearner';
import { describeWithJongodb, startJongodb, type Jongodb } from '../support/jongodb';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { DirectLineClient, readable } from '../support/directLineClient';
import { startTestServer, type TestServer } from '../support/startTestServer';

describeWithJongodb('the bot on MongoDB when the database goes away and comes back', () => {
  let database: Jongodb;
  let proxy: TcpProxy;
  let server: TestServer | undefined;

  beforeAll(async () => {
    database = await startJongodb();
    proxy = await startTcpProxy(database.port);
  });
  afterEach(async () => server?.dispose());
  afterAll(async () => {
    await proxy.stop();
    await database.stop();
  });

  const mongoUri = (name: string) => `mongodb://127.0.0.1:${proxy.port}/${name}?serverSelectionTimeoutMS=600&directConnection=true`;
  const health = async () => {
    const response = await fetch(`${server!.url}/healthz`);
    return { status: response.status, body: (await response.json()) as { store: { ok: boolean; kind: string } } };
  };

  it('asks the page to send again while the database is away, reports down, and continues without losing an answer once it is back', async () => {
    proxy.restore();
    server = await startTestServer({ MONGODB_URI: mongoUri('outage_turns') });
    const client = new DirectLineClient(server.url);
    await client.connect();
    await client.press('en', 'English');
    await client.press('consent-yes');
    await client.say('Amina');
    expect((await health()).status).toBe(200);

    proxy.cut();
    // The web chat's stream is in the database too, so no apology can reach the page: the post is refused as not taken
    // in (the page shows it as not sent and sends it again by itself), and polls are refused alike.
    const posted = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ type: 'message', text: 'Vätterhjul', channelData: { clientActivityID: 'sent-during-the-outage' } }),
    });
    expect(posted.status).toBe(503);
    expect(posted.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await posted.text()).toContain('cannot reach its storage');
    await expect(client.poll()).rejects.toThrow(/→ 503 .*cannot reach its storage/);
    expect(await health()).toMatchObject({ status: 503, body: { store: { ok: false, kind: 'mongodb' } } });

    proxy.restore();
    // The page sends the message again: it continues from the name.
    const resumed = readable(await client.say('Vätterhjul'));
    expect(resumed).toContain('what Vätterhjul does');
    expect((await health()).status).toBe(200);
  });

  it('starts while the database is unreachable, reports down, and recovers by itself', async () => {
    proxy.cut();
    server = await startTestServer({ MONGODB_URI: mongoUri('outage_start') });
    expect((await health()).status).toBe(503);

    proxy.restore();
    expect((await health()).status).toBe(200);
    const client = new DirectLineClient(server.url);
    expect(readable(await client.connect())).toContain('choose a language');
  });

  it('keeps a learner’s progress across a bot restart', async () => {
    proxy.restore();
    server = await startTestServer({ MONGODB_URI: mongoUri('restart') });
    const client = new DirectLineClient(server.url);
    await client.connect();
    await client.press('sv', 'Svenska');
    await client.press('consent-yes');
    await client.say('Amina');
    const { dataDir } = server;
    await server.stop();
    server = await startTestServer({ MONGODB_URI: mongoUri('restart') }, dataDir);
    const returning = new DirectLineClient(server.url);
    await returning.connect(client.resumeKey);
    expect(readable(await returning.say('Vätterhjul'))).toContain('vad Vätterhjul gör');
  });
});

describeWithJongodb('the bot on MongoDB when the database accepts connections and then stays silent', () => {
  let database: Jongodb;
  let proxy: TcpProxy;
  let server: TestServer | undefined;

  beforeAll(async () => {
    database = await startJongodb();
    proxy = await startTcpProxy(database.port);
  });
  afterEach(async () => server?.dispose());
  afterAll(async () => {
    await proxy.stop();
    await database.stop();
  });

  // The default request budget (MONGODB_REQUEST_TIMEOUT_MS 5000) and some room for a loaded machine.
  const ANSWERED_WITHIN_MS = 5000 + 2500;

  it('refuses the web chat post within the request budget (the page sends it again), then continues', async () => {
    server = await startTestServer({ MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/silent?directConnection=true` });
    const client = new DirectLineClient(server.url);
    await client.connect();
    await client.press('en', 'English');
    await client.press('consent-yes');
    expect(readable(await client.say('Amina'))).toContain('Amina');

    proxy.stall();
    // The web chat's stream is in the database too, so no apology can reach the page: the post is refused as not taken
    // in. A post makes several store operations in a row, each with its deadline (4 s); the request's budget bounds
    // them all (without it, this took three deadlines: 12.7 s).
    const started = Date.now();
    const posted = await fetch(`${server.url}/v3/directline/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${client.token}` },
      body: JSON.stringify({ type: 'message', text: 'Vätterhjul', channelData: { clientActivityID: 'sent-while-silent' } }),
    });
    const waited = Date.now() - started;
    process.stdout.write(`silent database: web chat post refused after ${waited} ms (default timeouts)\n`);
    expect(posted.status).toBe(503);
    expect(posted.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(waited).toBeLessThan(ANSWERED_WITHIN_MS);

    proxy.restore();
    const resumed = readable(await client.say('Vätterhjul'));
    expect(resumed).toContain('what Vätterhjul does');
  });

  it('apologises on /api/messages within the request budget, then continues', async () => {
    proxy.restore();
    server = await startTestServer({ MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/silent_messages?directConnection=true` });
    const learner = new MessagesLearner(() => server!.url);
    await learner.press('en');
    await learner.press('consent-yes');
    expect(await learner.say('Amina')).toContain('Amina');

    proxy.stall();
    const started = Date.now();
    const reply = await learner.say('Vätterhjul');
    const waited = Date.now() - started;
    process.stdout.write(`silent database: /api/messages apology after ${waited} ms (default timeouts)\n`);
    expect(reply).toContain(say('en', 'storeUnavailable'));
    expect(waited).toBeLessThan(ANSWERED_WITHIN_MS);

    proxy.restore();
    expect(await learner.say('Vätterhjul')).toContain('what Vätterhjul does');
  });
});
