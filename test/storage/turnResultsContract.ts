import { randomUUID } from 'node:crypto';
import type { DeliveryKey, TurnResults } from '../../bot/ports/turnResults';

/** A TurnResults to test, opened with a clock and retention the test controls. */
export interface TurnResultsUnderTest {
  open(options: { retentionMs: number; now: () => number }): TurnResults;
  cleanup(): Promise<void>;
}

function delivery(overrides: Partial<DeliveryKey> = {}): DeliveryKey {
  return { channel: 'msteams', conversationId: `a:${randomUUID()}`, activityId: `1700000${Math.floor(Math.random() * 1e9)}`, ...overrides };
}

/** An expectReplies answer with what real replies carry: "$schema" and dotted keys, non-ASCII text. */
const ANSWER = {
  status: 200,
  body: {
    activities: [
      { id: 'reply-1', type: 'message', text: 'Välkommen – vad heter du?' },
      { id: 'reply-2', type: 'message', attachments: [{ content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', 'a.b': 1 } }] },
    ],
  },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The behaviour every TurnResults must show; run against each store's real backend. */
export function describeTurnResultsContract(name: string, openSubject: () => Promise<TurnResultsUnderTest>): void {
  describe(`${name} (TurnResults contract)`, () => {
    let subject: TurnResultsUnderTest;
    let now: number;
    let results: TurnResults;

    beforeEach(async () => {
      subject = await openSubject();
      now = Date.parse('2026-03-01T10:00:00.000Z');
      results = subject.open({ retentionMs: DAY_MS, now: () => now });
    });
    afterEach(async () => subject.cleanup());

    test('the first claim runs the delivery; later ones are told it is running, then get its answer as it was recorded', async () => {
      const key = delivery();
      const first = await results.claim(key, 60_000);
      expect(first.state).toBe('claimed');
      expect(await results.claim(key, 60_000)).toEqual({ state: 'running' });
      await results.complete(key, (first as { claimId: string }).claimId, ANSWER);
      expect(await results.claim(key, 60_000)).toEqual({ state: 'answered', result: ANSWER });
    });

    test('of 50 concurrent claims of one delivery exactly one wins', async () => {
      const key = delivery();
      const claims = await Promise.all(Array.from({ length: 50 }, () => results.claim(key, 60_000)));
      expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
      expect(claims.filter((claim) => claim.state === 'running')).toHaveLength(49);
    });

    test('the same activity id in another conversation or channel is another delivery', async () => {
      const key = delivery();
      await results.claim(key, 60_000);
      expect((await results.claim({ ...key, conversationId: `${key.conversationId}-other` }, 60_000)).state).toBe('claimed');
      expect((await results.claim({ ...key, channel: 'directline' }, 60_000)).state).toBe('claimed');
    });

    test('a released claim can be claimed again (the turn failed and a redelivery retries it)', async () => {
      const key = delivery();
      const first = (await results.claim(key, 60_000)) as { claimId: string };
      await results.release(key, first.claimId);
      expect((await results.claim(key, 60_000)).state).toBe('claimed');
    });

    test('a claim whose lease ran out is taken over, and only the new holder can complete it', async () => {
      const key = delivery();
      const stale = (await results.claim(key, 1000)) as { claimId: string };
      now += 1001;
      const taken = await results.claim(key, 60_000);
      expect(taken.state).toBe('claimed');
      await results.complete(key, stale.claimId, { status: 200, body: 'stale' });
      await results.complete(key, (taken as { claimId: string }).claimId, ANSWER);
      expect(await results.claim(key, 60_000)).toEqual({ state: 'answered', result: ANSWER });
    });

    test('an answer is remembered for the retention whatever happens meanwhile, then forgotten', async () => {
      const key = delivery();
      await results.complete(key, ((await results.claim(key, 60_000)) as { claimId: string }).claimId, ANSWER);
      for (let other = 0; other < 55; other += 1) {
        const next = delivery({ conversationId: key.conversationId });
        await results.complete(next, ((await results.claim(next, 60_000)) as { claimId: string }).claimId, { status: 200 });
      }
      now += DAY_MS - 1000;
      expect(await results.claim(key, 60_000)).toEqual({ state: 'answered', result: ANSWER });
      now += 2000;
      expect((await results.claim(key, 60_000)).state).toBe('claimed');
    });

    test('forgetting a conversation forgets its deliveries and no others', async () => {
      const mine = delivery();
      const theirs = delivery();
      for (const key of [mine, theirs]) await results.complete(key, ((await results.claim(key, 60_000)) as { claimId: string }).claimId, ANSWER);
      await results.forgetConversation(mine.channel, mine.conversationId);
      expect((await results.claim(mine, 60_000)).state).toBe('claimed');
      expect((await results.claim(theirs, 60_000)).state).toBe('answered');
    });
  });
}
