import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectLineClient } from '../support/directLineClient';
import { recordFinding, statusSummary } from '../support/findings';
import { startBotProcess, type BotProcess } from '../support/startBotProcess';

const LEARNERS = 30;

interface Answer {
  readonly status: number | 'no response';
  readonly connection?: string;
}

/** Sends one request over `agent` (whose connections are already open) and resolves with what came back. */
function send(
  url: string,
  agent: Agent,
  method: string,
  path: string,
  token: string,
  body: unknown,
): { written: Promise<void>; answer: Promise<Answer> } {
  const text = body === undefined ? '' : JSON.stringify(body);
  let written!: () => void;
  const wasWritten = new Promise<void>((resolve) => (written = resolve));
  const answer = new Promise<Answer>((resolve) => {
    const req = request(
      `${url}${path}`,
      { method, agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(text) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.connection ? { connection: res.headers.connection } : {}) }));
      },
    );
    req.on('error', () => resolve({ status: 'no response' }));
    req.on('finish', () => written());
    req.end(text);
  });
  return { written: wasWritten, answer };
}

/** A raw connection, read one response at a time. */
async function rawConnection(url: string): Promise<{ socket: Socket; next(): Promise<string> }> {
  const { port } = new URL(url);
  const socket = connect({ host: '127.0.0.1', port: Number(port) });
  socket.setEncoding('utf8');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let buffer = '';
  let waiting: ((response: string) => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const end = buffer.indexOf('\r\n\r\n');
    const length = Number(/content-length: (\d+)/i.exec(buffer)?.[1] ?? 0);
    if (end >= 0 && buffer.length >= end + 4 + length && waiting) {
      const response = buffer.slice(0, end + 4 + length);
      buffer = buffer.slice(end + 4 + length);
      waiting(response);
      waiting = null;
    }
  });
  return { socket, next: () => new Promise<string>((resolve) => (waiting = resolve)) };
}

describe('SIGTERM drains the bot: requests in progress are answered, new ones get 503, the process exits 0', () => {
  let dataDir: string;
  let bot: BotProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'drain-'));
    bot = await startBotProcess({ DATA_DIR: dataDir, SHUTDOWN_GRACE_SECONDS: '10', REQUEST_TIMEOUT_SECONDS: '15' });
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers every request and exits 0 within the grace period', async () => {
    // Learners who have chosen a language; each will answer the consent question while the bot is told to stop.
    const clients: DirectLineClient[] = [];
    for (let n = 0; n < LEARNERS; n += 1) {
      const client = new DirectLineClient(bot.url);
      await client.connect();
      await client.press('en', 'English');
      clients.push(client);
    }
    const agent = new Agent({ keepAlive: true, maxSockets: LEARNERS });
    await Promise.all(clients.map((client) => send(bot.url, agent, 'GET', '/healthz', client.token, undefined).answer));
    // One request whose body is still arriving when the signal comes: in progress, and it must still be answered.
    const slow = await rawConnection(bot.url);
    const slowBody = JSON.stringify({ type: 'message', value: { choice: 'consent-yes' }, channelData: { clientActivityID: randomUUID() } });
    const slowLearner = new DirectLineClient(bot.url);
    await slowLearner.connect();
    await slowLearner.press('en', 'English');
    slow.socket.write(
      `POST /v3/directline/conversations/${slowLearner.conversationId}/activities HTTP/1.1\r\nHost: bot\r\nAuthorization: Bearer ${slowLearner.token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\n\r\n${slowBody.slice(0, 10)}`,
    );
    const posts = clients.map((client) =>
      send(bot.url, agent, 'POST', `/v3/directline/conversations/${client.conversationId}/activities`, client.token, {
        type: 'message',
        value: { choice: 'consent-yes' },
        channelData: { clientActivityID: randomUUID() },
      }),
    );
    await Promise.all(posts.map((post) => post.written));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const signalledAt = performance.now();
    bot.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const probe = await rawConnection(bot.url);
    probe.socket.write('GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n');
    const healthDuringDrain = await probe.next();
    const newWork = send(bot.url, new Agent(), 'POST', `/v3/directline/conversations/${slowLearner.conversationId}/activities`, slowLearner.token, {
      type: 'message',
      text: 'menu',
      channelData: { clientActivityID: randomUUID() },
    });
    const newWorkAnswer = await newWork.answer;
    slow.socket.write(slowBody.slice(10));
    const slowAnswer = await slow.next();
    const answers = await Promise.all(posts.map((post) => post.answer));
    const exitCode = await bot.exited;
    const exitedAfterMs = performance.now() - signalledAt;
    agent.destroy();
    const drained = bot.logLines().find((line) => line.msg === 'shut down') as { inFlightAtStart?: number; cutOff?: number } | undefined;

    const consented = await progressAtLeast(dataDir, 2);
    const answered200 = answers.filter((a) => a.status === 200).length + (/^HTTP\/1\.1 200/.test(slowAnswer) ? 1 : 0);
    recordFinding(
      `SIGTERM with ${LEARNERS + 1} posts sent (one body still arriving): answers ${statusSummary(answers.map((a) => (a.status === 'no response' ? 0 : a.status)))} ` +
        `(0 = no response), slow one ${slowAnswer.split('\r\n')[0]}; /healthz during the drain ${healthDuringDrain.split('\r\n')[0]}; ` +
        `a new post ${newWorkAnswer.status} (Connection: ${newWorkAnswer.connection}); in flight at the signal ${drained?.inFlightAtStart}, cut off ${drained?.cutOff}; ` +
        `exit code ${exitCode} after ${exitedAfterMs.toFixed(0)} ms; answers acknowledged ${answered200}, stored ${consented}`,
    );
    expect(healthDuringDrain).toMatch(/^HTTP\/1\.1 503/);
    expect(healthDuringDrain).toMatch(/connection: close/i);
    expect(newWorkAnswer).toEqual({ status: 503, connection: 'close' });
    expect(slowAnswer).toMatch(/^HTTP\/1\.1 200/);
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    // Answered or refused, every connection is closed after its response (a client reconnects elsewhere).
    expect(answers.every((a) => a.connection === 'close')).toBe(true);
    expect(drained).toMatchObject({ cutOff: 0 });
    expect(drained!.inFlightAtStart).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
    expect(exitedAfterMs).toBeLessThan(10_000);
    // Every acknowledged answer is in the store.
    expect(consented).toBeGreaterThanOrEqual(answered200);
  });
});

/** How many learners' progress documents have reached `version`. */
async function progressAtLeast(dataDir: string, version: number): Promise<number> {
  const files = await readdir(join(dataDir, 'progress'));
  let count = 0;
  for (const file of files) {
    const progress = JSON.parse(await readFile(join(dataDir, 'progress', file), 'utf8')) as { version: number };
    if (progress.version >= version) count += 1;
  }
  return count;
}
