import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotProcess, type BotProcess } from '../support/startBotProcess';
import { DirectLineClient, readable } from '../support/directLineClient';
import { recordFinding } from '../support/findings';

/**
 * The bot runs with its JavaScript heap capped far below what the flood posts: if it kept what it is sent (as a buffer
 * of 500 activities of up to 256 KB per conversation did), it would die of "heap out of memory" within the first
 * sessions. Under the cap the collector takes the garbage early, so the process stays under this bound (its resting
 * size and peak are printed beside it).
 */
const HEAP_LIMIT_MB = 96;
const RSS_BOUND_BYTES = 384 * 1024 * 1024;
const SESSIONS = 40;
const EVENTS_PER_SESSION = 25;
const EVENT_BYTES = 200 * 1024;
const LONG_MESSAGES_PER_SESSION = 10;
const LONG_MESSAGE_CHARS = 100_000;

jest.setTimeout(180_000);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

describe('the web chat endpoint under a memory flood from one client', () => {
  let bot: BotProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'flood-'));
    bot = await startBotProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, { nodeArgs: [`--max-old-space-size=${HEAP_LIMIT_MB}`] });
  });
  afterAll(async () => {
    await bot?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps serving with a ${HEAP_LIMIT_MB} MB heap and its memory under ${mb(RSS_BOUND_BYTES)} while ${SESSIONS} sessions post 200 KB events and 100,000-character messages`, async () => {
    const warmUp = new DirectLineClient(bot.url);
    await warmUp.connect();
    await warmUp.press('en', 'English');
    const resting = bot.memory().rssBytes;

    const statuses = new Map<number, number>();
    let postedBytes = 0;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, bot.memory().rssBytes)), 100);
    const flooders = Array.from({ length: SESSIONS }, async () => {
      const client = new DirectLineClient(bot.url);
      await client.connect();
      const post = async (activity: Record<string, unknown>) => {
        const body = JSON.stringify(activity);
        postedBytes += body.length;
        const response = await fetch(`${bot.url}/v3/directline/conversations/${client.conversationId}/activities`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${client.token}` },
          body,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      };
      for (let event = 0; event < EVENTS_PER_SESSION; event += 1)
        await post({ type: 'event', name: 'flood', value: { blob: 'x'.repeat(EVENT_BYTES) } });
      for (let message = 0; message < LONG_MESSAGES_PER_SESSION; message += 1) await post({ type: 'message', text: 'y'.repeat(LONG_MESSAGE_CHARS) });
      await client.poll('start');
    });
    try {
      await Promise.all(flooders);
    } finally {
      // A flood that kills the bot must fail this test only, not leave a sampler reading a gone process.
      clearInterval(sampler);
    }
    const after = bot.memory();

    [
      `web memory flood: ${SESSIONS} sessions, ${SESSIONS * EVENTS_PER_SESSION} events of 200 KB and ${SESSIONS * LONG_MESSAGES_PER_SESSION} messages of 100,000 characters, ${mb(postedBytes)} posted`,
      `responses: ${[...statuses].map(([status, count]) => `${status} ×${count}`).join(', ')}`,
      `RSS (heap capped at ${HEAP_LIMIT_MB} MB): ${mb(resting)} at rest, ${mb(peak)} peak sampled during the flood, ${mb(after.rssBytes)} after (process high-water mark ${mb(after.peakRssBytes)}); bound ${mb(RSS_BOUND_BYTES)}`,
    ].forEach(recordFinding);
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(readable(await warmUp.press('consent-yes'))).toContain('What is your first name?');
    expect(statuses.get(413)).toBe(SESSIONS * EVENTS_PER_SESSION);
    expect(statuses.get(200)).toBe(SESSIONS * LONG_MESSAGES_PER_SESSION);
    expect(Math.max(peak, after.rssBytes)).toBeLessThan(RSS_BOUND_BYTES);
  });
});
