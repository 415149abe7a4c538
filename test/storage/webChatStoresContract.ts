import { randomUUID } from 'node:crypto';
import type { ConversationStreamStore, StreamBudget } from '../../bot/ports/conversationStreamStore';
import type { RateCounters } from '../../bot/ports/rateCounters';
import type { WebSessionRecord, WebSessionStore } from '../../bot/ports/webSessionStore';

/** The web channel's stores of one backend, opened for one test. */
export interface WebChatStoresUnderTest {
  readonly streams: ConversationStreamStore;
  readonly sessions: WebSessionStore;
  readonly counters: RateCounters;
  /**
   * Another process's view of the same data (a second bot instance on the same database), or null for a store that
   * serves one process.
   */
  readonly otherProcess: { readonly streams: ConversationStreamStore; readonly counters: RateCounters } | null;
  /**
   * False where the server under the store counts concurrent increments right but may answer two of them with the same
   * count: the MongoDB test server does (its findOneAndUpdate returns the document read after the update, not under it;
   * with the plain driver, 40 concurrent $inc gave a repeated count in 77 of 100 runs, and never lost one). A real
   * MongoDB returns each its own.
   */
  readonly distinctCounts?: boolean;
  cleanup(): Promise<void>;
}

const BUDGET: StreamBudget = { bytesPerConversation: 4000, activitiesPerConversation: 12, ttlMs: 60 * 60 * 1000 };
const T0 = Date.UTC(2026, 2, 1, 12);

function sessionRecord(learnerKey: string, version: number, expiresAt = T0 + 86_400_000): WebSessionRecord {
  return {
    learnerKey,
    conversationId: `dl_${learnerKey}`,
    organisationId: 'demo',
    version,
    resumeGeneration: 1,
    pages: { pageOne: { generation: version, startedAt: T0, refreshedAt: T0 } },
    expiresAt,
  };
}

const message = (text: string) => ({ type: 'message', text, from: { id: 'wl_x', role: 'user' } });

/** The behaviour every backend of the web channel's stores must show; run by each backend's test file. */
export function describeWebChatStoresContract(name: string, open: (budget: StreamBudget) => Promise<WebChatStoresUnderTest>): void {
  describe(`${name} (web chat stores contract)`, () => {
    let subject: WebChatStoresUnderTest;
    let conversation: string;

    beforeEach(async () => {
      subject = await open(BUDGET);
      conversation = `dl_${randomUUID().replace(/-/g, '')}`;
    });
    afterEach(async () => subject.cleanup());

    describe('conversation streams', () => {
      test('a new stream starts at the clock, numbers its activities in order and gives each a later timestamp', async () => {
        const first = await subject.streams.append(conversation, [message('one'), message('two')], T0);
        const second = await subject.streams.append(conversation, [message('three')], T0);

        expect([...first, ...second].map((entry) => entry.seq)).toEqual([T0, T0 + 1, T0 + 2]);
        expect([...first, ...second].map((entry) => entry.timestampMs)).toEqual([T0, T0 + 1, T0 + 2]);
        const page = await subject.streams.read(conversation, undefined, T0, 100_000);
        expect(page.entries.map((entry) => entry.activity.text)).toEqual(['one', 'two', 'three']);
        expect(page.more).toBe(false);
        const after = await subject.streams.read(conversation, T0, T0, 100_000);
        expect(after.entries.map((entry) => entry.activity.text)).toEqual(['two', 'three']);
      });

      test('an activity comes back exactly as appended, with card fields such as $schema and dotted names', async () => {
        const card = {
          type: 'message',
          attachments: [
            { contentType: 'application/vnd.microsoft.card.adaptive', content: { $schema: 'http://adaptivecards.io', 'a.b': [1, { c: null }] } },
          ],
          text: 'Välj – å ä ö 🌱',
        };
        await subject.streams.append(conversation, [card], T0);

        expect((await subject.streams.read(conversation, undefined, T0, 100_000)).entries[0]?.activity).toEqual(card);
      });

      test('a poll returns at most its byte limit, and the next poll continues where it stopped', async () => {
        await subject.streams.append(
          conversation,
          ['a', 'b', 'c', 'd'].map((text) => message(text.repeat(300))),
          T0,
        );

        const first = await subject.streams.read(conversation, undefined, T0, 700);
        expect(first.more).toBe(true);
        expect(first.entries.length).toBeLessThan(4);
        const rest = await subject.streams.read(conversation, first.entries.at(-1)?.seq, T0, 100_000);
        expect([...first.entries, ...rest.entries].map((entry) => String(entry.activity.text)[0])).toEqual(['a', 'b', 'c', 'd']);
      });

      test('the oldest activities go once a stream is over its byte or activity budget; the newest stay', async () => {
        for (let at = 0; at < 40; at += 1) await subject.streams.append(conversation, [message(`m${at} ${'x'.repeat(300)}`)], T0 + at);

        const kept = (await subject.streams.read(conversation, undefined, T0 + 40, 1_000_000)).entries;
        const bytes = kept.reduce((sum, entry) => sum + JSON.stringify(entry.activity).length, 0);
        // A store may trim in steps of a sixteenth of the budget.
        expect(kept.length).toBeGreaterThanOrEqual(5);
        expect(kept.length).toBeLessThanOrEqual(BUDGET.activitiesPerConversation + 1);
        expect(bytes).toBeLessThanOrEqual(BUDGET.bytesPerConversation * (17 / 16) + 400);
        expect(kept.at(-1)?.activity.text).toMatch(/^m39 /);
        expect(kept.map((entry) => entry.seq)).toEqual([...kept.map((entry) => entry.seq)].sort((a, b) => a - b));
      });

      test('activities past their time to live are not returned', async () => {
        await subject.streams.append(conversation, [message('old')], T0);
        await subject.streams.append(conversation, [message('new')], T0 + BUDGET.ttlMs / 2);

        const later = await subject.streams.read(conversation, undefined, T0 + BUDGET.ttlMs + 1, 100_000);
        expect(later.entries.map((entry) => entry.activity.text)).toEqual(['new']);
        expect(await subject.streams.exists(conversation, T0 + 2 * BUDGET.ttlMs)).toBe(false);
      });

      test('a deleted stream is gone, and a new one on the same conversation starts past every old watermark', async () => {
        const old = await subject.streams.append(conversation, [message('a'), message('b'), message('c')], T0);
        expect(await subject.streams.exists(conversation, T0)).toBe(true);

        await subject.streams.delete(conversation);

        expect(await subject.streams.exists(conversation, T0)).toBe(false);
        expect((await subject.streams.read(conversation, undefined, T0, 100_000)).entries).toEqual([]);
        const [fresh] = await subject.streams.append(conversation, [message('after')], T0 + 1000);
        expect(fresh!.seq).toBeGreaterThan(old.at(-1)!.seq);
      });

      test('ten writers at once (half through another process) get distinct places, and a poller never skips one', async () => {
        await subject.streams.append(conversation, [message('start')], T0);
        const writers = Array.from({ length: 10 }, (_, at) =>
          (at % 2 === 1 && subject.otherProcess ? subject.otherProcess.streams : subject.streams).append(conversation, [message(`w${at}`)], T0),
        );
        const seen: string[] = [];
        let watermark: number | undefined;
        const polling = (async () => {
          for (let round = 0; round < 40; round += 1) {
            const page = await subject.streams.read(conversation, watermark, T0, 100_000);
            for (const entry of page.entries) seen.push(String(entry.activity.text));
            watermark = page.entries.at(-1)?.seq ?? watermark;
          }
        })();
        await Promise.all([...writers, polling]);
        const page = await subject.streams.read(conversation, watermark, T0, 100_000);
        for (const entry of page.entries) seen.push(String(entry.activity.text));

        const all = (await subject.streams.read(conversation, undefined, T0, 100_000)).entries;
        expect(new Set(all.map((entry) => entry.seq)).size).toBe(11);
        expect(all.map((entry) => entry.seq)).toEqual(Array.from({ length: 11 }, (_, at) => T0 + at));
        expect(seen.sort()).toEqual(all.map((entry) => String(entry.activity.text)).sort());
      });

      if (name.includes('MongoDB')) {
        test('another bot process serves the same stream', async () => {
          await subject.streams.append(conversation, [message('from the first')], T0);
          await subject.otherProcess!.streams.append(conversation, [message('from the second')], T0);

          const read = await subject.otherProcess!.streams.read(conversation, undefined, T0, 100_000);
          expect(read.entries.map((entry) => entry.activity.text)).toEqual(['from the first', 'from the second']);
        });
      }
    });

    describe('web-chat sessions', () => {
      test('a record is created once, then changed only over the version it was read at', async () => {
        const key = `wl_${randomUUID()}`;
        expect(await subject.sessions.get(key, T0)).toBeNull();
        expect(await subject.sessions.save(sessionRecord(key, 1), null, T0)).toBe('saved');
        expect(await subject.sessions.save(sessionRecord(key, 1), null, T0)).toBe('conflict');
        expect(await subject.sessions.get(key, T0)).toEqual(sessionRecord(key, 1));

        expect(await subject.sessions.save(sessionRecord(key, 2), 1, T0)).toBe('saved');
        expect(await subject.sessions.save(sessionRecord(key, 2), 1, T0)).toBe('conflict');
        expect((await subject.sessions.get(key, T0))?.version).toBe(2);
      });

      test('of ten concurrent writes over the same version, exactly one is saved', async () => {
        const key = `wl_${randomUUID()}`;
        await subject.sessions.save(sessionRecord(key, 1), null, T0);
        const results = await Promise.all(Array.from({ length: 10 }, () => subject.sessions.save(sessionRecord(key, 2), 1, T0)));

        expect(results.filter((result) => result === 'saved')).toHaveLength(1);
      });

      test('an expired record is absent: it cannot be changed, and a new one may take its place', async () => {
        const key = `wl_${randomUUID()}`;
        await subject.sessions.save(sessionRecord(key, 1, T0 + 1000), null, T0);

        expect(await subject.sessions.get(key, T0 + 1000)).toBeNull();
        expect(await subject.sessions.save(sessionRecord(key, 2, T0 + 5000), 1, T0 + 1000)).toBe('conflict');
        expect(await subject.sessions.save(sessionRecord(key, 1, T0 + 5000), null, T0 + 1000)).toBe('saved');
        expect((await subject.sessions.get(key, T0 + 2000))?.expiresAt).toBe(T0 + 5000);
      });

      test('a deleted record is gone', async () => {
        const key = `wl_${randomUUID()}`;
        await subject.sessions.save(sessionRecord(key, 1), null, T0);
        await subject.sessions.delete(key);
        expect(await subject.sessions.get(key, T0)).toBeNull();
      });
    });

    describe('rate counters', () => {
      test('count within a window from the first event, then start again', async () => {
        const key = `test:${randomUUID()}`;
        expect(await subject.counters.peek(key, T0)).toBe(0);
        expect(await subject.counters.increment(key, 60_000, T0)).toEqual({ count: 1, resetsAt: T0 + 60_000 });
        expect(await subject.counters.increment(key, 60_000, T0 + 59_000)).toEqual({ count: 2, resetsAt: T0 + 60_000 });
        expect(await subject.counters.peek(key, T0 + 59_000)).toBe(2);

        expect(await subject.counters.peek(key, T0 + 60_000)).toBe(0);
        expect(await subject.counters.increment(key, 60_000, T0 + 61_000)).toEqual({ count: 1, resetsAt: T0 + 121_000 });
      });

      test('forty concurrent counts (half from another process) are all counted', async () => {
        const key = `test:${randomUUID()}`;
        const counts = await Promise.all(
          Array.from({ length: 40 }, (_, at) =>
            (at % 2 === 1 && subject.otherProcess ? subject.otherProcess.counters : subject.counters).increment(key, 60_000, T0),
          ),
        );

        const seen = counts.map((count) => count.count).sort((a, b) => a - b);
        if (subject.distinctCounts === false) expect(seen.every((count) => Number.isInteger(count) && count >= 1 && count <= 40)).toBe(true);
        else expect(seen).toEqual(Array.from({ length: 40 }, (_, at) => at + 1));
        expect(await subject.counters.peek(key, T0)).toBe(40);
      });
    });
  });
}
