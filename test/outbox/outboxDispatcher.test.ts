import { randomUUID } from 'node:crypto';
import type { Identity } from '../../bot/records';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import { createLogger } from '../../bot/logger';
import { OutboxDispatcher } from '../../bot/outbox/outboxDispatcher';
import type { ProactiveChannel, ProactiveMessage } from '../../bot/outbox/proactiveChannel';
import { proactiveFailure } from '../../adapters/botframework/proactiveFailure';
import { describeWithJongodb } from '../support/jongodb';
import { type AdvisorStoresFactory, type AdvisorStoresUnderTest, fileAdvisorStores, mongoAdvisorStores } from '../support/advisorStoreFactories';
import { testOrganisationSetup } from '../support/testOrganisations';
import { delivery, note } from '../storage/advisorPortsContract';

/** A channel that records what it sent, and can be told to fail the next sends with an HTTP status. */
class RecordingChannel implements ProactiveChannel {
  readonly sent: { reference: Readonly<Record<string, unknown>>; message: ProactiveMessage }[] = [];
  failures: number[] = [];
  reachable = true;
  canReach() {
    return this.reachable;
  }
  async send(reference: Readonly<Record<string, unknown>>, message: ProactiveMessage) {
    const status = this.failures.shift();
    if (status !== undefined) throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
    this.sent.push({ reference, message });
  }
  failureOf = proactiveFailure;
}

function describeDispatcher(factory: AdvisorStoresFactory): void {
  describe(`the outbox dispatcher on the ${factory.name}`, () => {
    let subject: AdvisorStoresUnderTest;
    let now: Date;
    let teams: RecordingChannel;
    let web: RecordingChannel;
    const { organisations, programmes } = testOrganisationSetup();

    beforeEach(async () => {
      subject = await factory.open();
      now = new Date('2026-03-01T10:00:00Z');
      teams = new RecordingChannel();
      web = new RecordingChannel();
    });
    afterEach(async () => subject.cleanup());
    afterAll(async () => factory.dispose());

    const dispatcher = (owner: string, stores = subject.stores) =>
      new OutboxDispatcher({
        outbox: stores.outbox,
        notes: stores.notes,
        store: subject.store,
        organisations,
        programmes,
        channels: new Map([
          ['webchat', web],
          ['msteams', teams],
        ]),
        logger: createLogger('silent'),
        leaseMs: 30_000,
        clock: () => now,
        owner,
      });

    /** A sharing learner of the demo organisation with conversation references for these channels, and a queued note. */
    async function learnerWithNote(channels: ('webchat' | 'msteams')[]): Promise<{ learnerId: string; deliveryId: string }> {
      const identity: Identity = { channel: 'webchat', userId: `wl_${randomUUID()}` };
      const learner = await subject.store.resolveLearner(identity, 'demo');
      await subject.store.updateLearnerProfile(learner.id, { locale: 'sv', displayName: 'Amina', sharesWithAdvisors: true });
      const references = Object.fromEntries(channels.map((c) => [c, { channelId: c, conversation: { id: `conversation-${c}` } }]));
      await subject.store.saveProgress(
        {
          schemaVersion: RECORD_SCHEMA_VERSION,
          learnerId: learner.id,
          version: 1,
          conversation: {},
          summary: { modules: {}, artefacts: {} },
          conversationReferences: references,
          recentActivityIds: [],
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        },
        null,
      );
      const written = note(learner.id, { organisationId: 'demo' });
      await subject.stores.notes.addNote(written);
      const queued = delivery(written.id, learner.id, { organisationId: 'demo', nextAttemptAt: now.toISOString() });
      await subject.stores.outbox.enqueue(queued);
      return { learnerId: learner.id, deliveryId: queued.id };
    }

    const statusOf = async (learnerId: string) => (await subject.stores.outbox.listForLearner(learnerId))[0];

    test('a dispatcher that crashed between claiming and sending neither loses nor duplicates the note', async () => {
      const { learnerId } = await learnerWithNote(['msteams']);
      // The crashed instance: it claimed, and never sent or settled.
      expect(await subject.stores.outbox.claimDue('crashed-instance', now, 30_000, 10)).toHaveLength(1);

      // Another instance (or, on the file store, the process started again) takes over.
      const later = await subject.reopen();
      const survivor = dispatcher('survivor', later);
      expect(await survivor.runOnce()).toBe(0);
      expect(teams.sent).toHaveLength(0);
      now = new Date(now.getTime() + 31_000);
      expect(await survivor.runOnce()).toBe(1);
      expect(await survivor.runOnce()).toBe(0);
      now = new Date(now.getTime() + 120_000);
      expect(await survivor.runOnce()).toBe(0);

      expect(teams.sent).toHaveLength(1);
      expect(teams.sent[0]!.message.text).toContain('Karin Rådgivare');
      expect(teams.sent[0]!.message.choices[0]).toEqual({ label: 'Svara rådgivaren', value: expect.stringMatching(/^advisor-reply:/) });
      expect((await later.outbox.listForLearner(learnerId))[0]).toMatchObject({ status: 'delivered', channel: 'msteams', attempts: 1 });
    });

    test('a dispatcher whose lease ran out before it sent does not send after another one took over', async () => {
      await learnerWithNote(['msteams']);
      const slow = dispatcher('slow');
      const claimed = await subject.stores.outbox.claimDue('slow', now, 30_000, 10);
      now = new Date(now.getTime() + 31_000);
      const fast = dispatcher('fast', await subject.reopen());
      expect(await fast.runOnce()).toBe(1);
      // The slow one resumes its round with the claim it holds no longer.
      await (slow as unknown as { deliver(d: unknown): Promise<void> }).deliver(claimed[0]);
      expect(teams.sent).toHaveLength(1);
    });

    test('429 and 5xx from Teams are tried again with back-off; a 403 fails at once with its reason', async () => {
      const { learnerId } = await learnerWithNote(['msteams']);
      teams.failures = [429, 503];
      const worker = dispatcher('worker');
      await worker.runOnce();
      const first = await statusOf(learnerId);
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the channel answered HTTP 429' });
      expect(Date.parse(first!.nextAttemptAt)).toBeGreaterThan(now.getTime());
      expect(await worker.runOnce()).toBe(0);
      now = new Date(Date.parse(first!.nextAttemptAt));
      await worker.runOnce();
      const second = await statusOf(learnerId);
      expect(second).toMatchObject({ status: 'pending', attempts: 2, lastError: 'the channel answered HTTP 503' });
      expect(Date.parse(second!.nextAttemptAt) - now.getTime()).toBeGreaterThanOrEqual(
        Date.parse(first!.nextAttemptAt) - Date.parse('2026-03-01T10:00:00Z'),
      );
      now = new Date(Date.parse(second!.nextAttemptAt));
      await worker.runOnce();
      expect(await statusOf(learnerId)).toMatchObject({ status: 'delivered', attempts: 3 });
      expect(teams.sent).toHaveLength(1);

      const other = await learnerWithNote(['msteams']);
      teams.failures = [403];
      await worker.runOnce();
      expect(await statusOf(other.learnerId)).toMatchObject({ status: 'failed', lastError: 'the channel answered HTTP 403' });
    });

    test('a web-only learner whose page is closed gets the note when they next open the chat', async () => {
      const { learnerId } = await learnerWithNote(['webchat']);
      web.reachable = false;
      const worker = dispatcher('worker');
      await worker.runOnce();
      expect(await statusOf(learnerId)).toMatchObject({ status: 'waiting-for-visit' });
      expect(await worker.runOnce()).toBe(0);
      web.reachable = true;
      expect(await subject.stores.outbox.wake(learnerId, now)).toBe(1);
      await worker.runOnce();
      expect(web.sent).toHaveLength(1);
      expect(await statusOf(learnerId)).toMatchObject({ status: 'delivered', channel: 'webchat' });
    });

    test('the open web conversation is preferred to Teams, and a learner who stopped sharing gets nothing', async () => {
      const both = await learnerWithNote(['webchat', 'msteams']);
      const worker = dispatcher('worker');
      await worker.runOnce();
      expect(await statusOf(both.learnerId)).toMatchObject({ status: 'delivered', channel: 'webchat' });

      const withdrawn = await learnerWithNote(['msteams']);
      await subject.store.updateLearnerProfile(withdrawn.learnerId, { locale: 'sv', displayName: 'Amina', sharesWithAdvisors: false });
      await worker.runOnce();
      expect(await statusOf(withdrawn.learnerId)).toMatchObject({
        status: 'failed',
        lastError: 'the learner no longer shares their progress with advisors',
      });
      expect(teams.sent).toHaveLength(0);
    });
  });
}

describeDispatcher(fileAdvisorStores());
describeWithJongodb('on the MongoDB-compatible test server', () => describeDispatcher(mongoAdvisorStores()));
