import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileConversationStreams } from '../../adapters/storage/file/fileConversationStreams';
import { FileWebSessions } from '../../adapters/storage/file/fileWebSessions';
import { MemoryRateCounters } from '../../bot/memoryRateCounters';
import type { StreamBudget } from '../../bot/ports/conversationStreamStore';
import { describeWebChatStoresContract } from './webChatStoresContract';

const CACHE_BYTES = 64 * 1024;

describeWebChatStoresContract('the embedded file store', async (budget) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'webchat-stores-'));
  const streams = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
  const sessions = await FileWebSessions.open(dataDir);
  const counters = new MemoryRateCounters();
  return {
    streams,
    sessions,
    counters,
    otherProcess: null,
    async cleanup() {
      await Promise.all([streams.close(), sessions.close(), counters.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('the file store’s conversation streams on disk', () => {
  const budget: StreamBudget = { bytesPerConversation: 100_000, activitiesPerConversation: 500, ttlMs: 3_600_000 };
  const now = Date.UTC(2026, 2, 1);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'webchat-streams-'));
  });
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  test('a new store on the same folder, as after a restart, serves the same streams', async () => {
    const before = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    await before.append('dl_a', [{ type: 'message', text: 'kept' }], now);
    await before.close();

    const after = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    const [next] = await after.append('dl_a', [{ type: 'message', text: 'next' }], now);
    expect(next?.seq).toBe(now + 1);
    expect((await after.read('dl_a', undefined, now, 100_000)).entries.map((entry) => entry.activity.text)).toEqual(['kept', 'next']);
    await after.close();
  });

  test('many conversations read through a small memory budget are still served in full from disk', async () => {
    const streams = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: 2000 });
    for (let at = 0; at < 30; at += 1) await streams.append(`dl_${at}`, [{ type: 'message', text: `${at} ${'x'.repeat(500)}` }], now);

    for (let at = 0; at < 30; at += 1) {
      const page = await streams.read(`dl_${at}`, undefined, now, 100_000);
      expect(String(page.entries[0]?.activity.text)).toMatch(new RegExp(`^${at} `));
    }
    await streams.close();
  });

  test('an append after expired entries were dropped (the file rewritten) reaches the new file, as a restart reads it', async () => {
    const streams = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    await streams.append('dl_expiring', [{ type: 'message', text: 'expired' }], now);
    const later = now + budget.ttlMs + 1;
    await streams.append('dl_expiring', [{ type: 'message', text: 'kept' }], later);
    await streams.append('dl_expiring', [{ type: 'message', text: 'also kept' }], later);
    await streams.close();

    const after = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    expect((await after.read('dl_expiring', undefined, later, 100_000)).entries.map((entry) => entry.activity.text)).toEqual(['kept', 'also kept']);
    await after.close();
  });

  test('a line torn by a crash is ignored, and the next append does not merge with it', async () => {
    const streams = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    await streams.append('dl_torn', [{ type: 'message', text: 'whole' }], now);
    await streams.close();
    const [file] = await readdir(join(dataDir, 'streams'));
    await appendFile(join(dataDir, 'streams', file!), '{"seq":12,"timestampMs":1,"activ');

    const reopened = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    await reopened.append('dl_torn', [{ type: 'message', text: 'after' }], now);
    await reopened.close();
    const again = await FileConversationStreams.open(dataDir, { ...budget, cacheBytes: CACHE_BYTES });
    expect((await again.read('dl_torn', undefined, now, 100_000)).entries.map((entry) => entry.activity.text)).toEqual(['whole', 'after']);
    await again.close();
  });
});
