import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CohortEntry, DeliveryRecord, NoteRecord } from '../../bot/advisors/advisorRecords';
import { RECORD_SCHEMA_VERSION } from '../../bot/records';
import type { AdvisorStoresFactory, AdvisorStoresUnderTest } from '../support/advisorStoreFactories';

const ORG = 'coop-a';
const OTHER = 'coop-b';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const at = (iso: string) => new Date(iso);

export function note(learnerId: string, overrides: Partial<NoteRecord> = {}): NoteRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: randomUUID(),
    organisationId: ORG,
    learnerId,
    advisorId: 'advisor-1',
    advisorName: 'Karin Rådgivare',
    text: 'Bra kanvas! Fundera på kanalerna.',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function delivery(noteId: string, learnerId: string, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: randomUUID(),
    organisationId: ORG,
    learnerId,
    noteId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-03-01T10:00:00.000Z',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

export function cohortEntry(learnerId: string, overrides: Partial<CohortEntry> = {}): CohortEntry {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    learnerId,
    organisationId: ORG,
    sharesWithAdvisors: true,
    displayName: 'Amina',
    ventureName: 'Vätterhjul',
    sortName: 'amina',
    searchTerms: ['amina', 'vatterhjul'],
    locale: 'sv',
    channels: ['webchat'],
    lastActiveAt: '2026-03-01T10:00:00.000Z',
    activeDays: ['2026-03-01'],
    lessonsDone: 1,
    quizCorrect: 1,
    quizTotal: 2,
    startedModules: ['challenge-to-idea'],
    modules: { 'challenge-to-idea': { done: 1, count: 4 } },
    lessons: { 'challenge-to-idea/wicked-problems': 'completed' },
    quiz: {},
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The behaviour the four advisor ports must show on every store. */
export function describeAdvisorPortsContract(factory: AdvisorStoresFactory): void {
  describe(`advisor ports on the ${factory.name}`, () => {
    let subject: AdvisorStoresUnderTest;
    beforeEach(async () => {
      subject = await factory.open();
    });
    afterEach(async () => {
      await subject.cleanup();
    });
    afterAll(async () => {
      await factory.dispose();
    });

    describe('AdvisorStore', () => {
      test('an invite creates an advisor, a second invite of the same email updates it, and another organisation never sees it', async () => {
        const { advisors } = subject.stores;
        const created = await advisors.saveAdvisor(
          { organisationId: ORG, name: 'Karin', email: 'Karin@Coop.example', role: 'advisor', locale: 'sv' },
          at('2026-03-01T09:00:00Z'),
        );
        expect(created).toMatchObject({ organisationId: ORG, email: 'karin@coop.example', role: 'advisor' });
        const updated = await advisors.saveAdvisor(
          { organisationId: ORG, name: 'Karin L', email: 'karin@coop.example', role: 'admin', locale: 'en' },
          new Date(),
        );
        expect(updated).toMatchObject({ id: created.id, name: 'Karin L', role: 'admin', createdAt: created.createdAt });
        expect(await advisors.getAdvisor(ORG, created.id)).toEqual(updated);
        expect(await advisors.getAdvisor(OTHER, created.id)).toBeNull();
        expect(await advisors.listAdvisors(OTHER)).toEqual([]);
        const elsewhere = await advisors.saveAdvisor(
          { organisationId: OTHER, name: 'Karin', email: 'karin@coop.example', role: 'advisor', locale: 'sv' },
          new Date(),
        );
        expect(elsewhere.id).not.toBe(created.id);
        expect((await advisors.findAdvisorsByEmail('KARIN@coop.example')).map((a) => a.organisationId).sort()).toEqual([ORG, OTHER]);
      });

      test('an Entra link, the language and the last sign-in are kept; changing an advisor of another organisation fails', async () => {
        const { advisors } = subject.stores;
        const advisor = await advisors.saveAdvisor(
          { organisationId: ORG, name: 'Karin', email: 'k@coop.example', role: 'advisor', locale: 'sv' },
          new Date(),
        );
        await advisors.linkEntra(ORG, advisor.id, 'tid-1', 'oid-1');
        await advisors.setAdvisorLocale(ORG, advisor.id, 'en');
        await advisors.recordSignIn(ORG, advisor.id, at('2026-03-02T08:00:00Z'));
        expect(await advisors.findAdvisorByEntra('tid-1', 'oid-1')).toMatchObject({
          id: advisor.id,
          locale: 'en',
          lastSignInAt: '2026-03-02T08:00:00.000Z',
        });
        expect(await advisors.findAdvisorByEntra('tid-1', 'oid-2')).toBeNull();
        await expect(advisors.setAdvisorLocale(OTHER, advisor.id, 'sv')).rejects.toThrow(/no advisor/);
        const reopened = await subject.reopen();
        expect((await reopened.advisors.getAdvisor(ORG, advisor.id))?.entraObjectId).toBe('oid-1');
      });

      test('a sign-in link is single use, even when consumed twice at once, and an expired one gives nothing', async () => {
        const { advisors } = subject.stores;
        const tokenHash = hash(randomBytes(32).toString('base64url'));
        await advisors.saveSignInLink({
          schemaVersion: RECORD_SCHEMA_VERSION,
          tokenHash,
          advisorId: 'a1',
          organisationId: ORG,
          expiresAt: '2026-03-04T10:00:00.000Z',
        });
        const now = at('2026-03-02T10:00:00Z');
        const results = await Promise.all([advisors.consumeSignInLink(tokenHash, now), advisors.consumeSignInLink(tokenHash, now)]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await advisors.consumeSignInLink(tokenHash, now)).toBeNull();

        const expired = hash('expired');
        await advisors.saveSignInLink({
          schemaVersion: RECORD_SCHEMA_VERSION,
          tokenHash: expired,
          advisorId: 'a1',
          organisationId: ORG,
          expiresAt: '2026-03-01T10:00:00.000Z',
        });
        expect(await advisors.consumeSignInLink(expired, now)).toBeNull();
      });

      test('a session is found by its hash, touched, seen by another instance, and gone once deleted', async () => {
        const { advisors } = subject.stores;
        const idHash = hash('session');
        await advisors.createSession({
          schemaVersion: RECORD_SCHEMA_VERSION,
          idHash,
          advisorId: 'a1',
          organisationId: ORG,
          kind: 'link',
          csrfToken: 'c'.repeat(43),
          createdAt: '2026-03-02T10:00:00.000Z',
          lastSeenAt: '2026-03-02T10:00:00.000Z',
          expiresAt: '2026-03-09T10:00:00.000Z',
        });
        await advisors.touchSession(idHash, at('2026-03-02T11:00:00Z'));
        expect((await (await subject.reopen()).advisors.getSession(idHash))?.lastSeenAt).toBe('2026-03-02T11:00:00.000Z');
        await advisors.deleteSession(idHash);
        expect(await advisors.getSession(idHash)).toBeNull();
      });

      test('an OIDC sign-in under way is consumed once', async () => {
        const { advisors } = subject.stores;
        const stateHash = hash('state');
        await advisors.saveOidcLogin({
          schemaVersion: RECORD_SCHEMA_VERSION,
          stateHash,
          codeVerifier: 'v'.repeat(43),
          nonce: 'n'.repeat(20),
          expiresAt: '2026-03-02T10:10:00.000Z',
        });
        expect(await advisors.consumeOidcLogin(stateHash, at('2026-03-02T10:00:00Z'))).toMatchObject({ codeVerifier: 'v'.repeat(43) });
        expect(await advisors.consumeOidcLogin(stateHash, at('2026-03-02T10:00:00Z'))).toBeNull();
      });

      test('sign-in attempts are counted per key and window', async () => {
        const { advisors } = subject.stores;
        const now = at('2026-03-02T10:00:30Z');
        expect(await advisors.countSignInAttempt('ip:1', 60_000, now)).toBe(1);
        expect(await advisors.countSignInAttempt('ip:1', 60_000, now)).toBe(2);
        expect(await advisors.countSignInAttempt('ip:2', 60_000, now)).toBe(1);
        expect(await advisors.countSignInAttempt('ip:1', 60_000, at('2026-03-02T10:01:05Z'))).toBe(1);
      });
    });

    describe('NotesStore', () => {
      test('notes, requests and replies form the learner thread, scoped by organisation', async () => {
        const { notes } = subject.stores;
        const learnerId = randomUUID();
        await notes.addRequest({
          schemaVersion: RECORD_SCHEMA_VERSION,
          id: randomUUID(),
          organisationId: ORG,
          learnerId,
          status: 'open',
          createdAt: '2026-03-01T09:00:00.000Z',
        });
        expect(await notes.openRequestCounts(ORG)).toEqual(new Map([[learnerId, 1]]));
        expect(await notes.openRequestCounts(OTHER)).toEqual(new Map());
        const written = note(learnerId);
        await notes.addNote(written);
        await notes.answerRequests(ORG, learnerId, written.id, at('2026-03-01T10:00:00Z'));
        expect(await notes.openRequestCounts(ORG, [learnerId])).toEqual(new Map());
        await notes.addReply({
          schemaVersion: RECORD_SCHEMA_VERSION,
          id: randomUUID(),
          organisationId: ORG,
          learnerId,
          noteId: written.id,
          text: 'Tack!',
          createdAt: '2026-03-01T11:00:00.000Z',
        });

        const thread = await notes.threadOf(ORG, learnerId);
        expect(thread.notes).toEqual([written]);
        expect(thread.requests).toEqual([expect.objectContaining({ status: 'answered', answeredByNoteId: written.id })]);
        expect(thread.replies.map((r) => r.text)).toEqual(['Tack!']);
        expect(await notes.threadOf(OTHER, learnerId)).toEqual({ notes: [], requests: [], replies: [] });
        expect(await notes.getNote(ORG, written.id)).toEqual(written);
        expect(await notes.getNote(OTHER, written.id)).toBeNull();
      });

      test('the access log is part of the export, and deleting the learner removes everything of theirs only', async () => {
        const { notes } = subject.stores;
        const learnerId = randomUUID();
        const someoneElse = randomUUID();
        await notes.addNote(note(learnerId));
        await notes.addNote(note(someoneElse));
        const entry = {
          schemaVersion: RECORD_SCHEMA_VERSION as typeof RECORD_SCHEMA_VERSION,
          organisationId: ORG,
          learnerId,
          advisorId: 'a1',
          advisorName: 'Karin',
          action: 'viewed' as const,
        };
        await notes.logAccess({ ...entry, id: randomUUID(), at: '2026-03-01T12:00:00.000Z' });
        await notes.logAccess({ ...entry, id: randomUUID(), at: '2026-03-01T11:00:00.000Z', action: 'exported' });
        expect((await notes.accessLogOf(ORG, learnerId)).map((e) => e.action)).toEqual(['exported', 'viewed']);
        expect(await notes.accessLogOf(OTHER, learnerId)).toEqual([]);
        const exported = await notes.exportLearner(learnerId);
        expect(exported.notes).toHaveLength(1);
        expect(exported.accessLog).toHaveLength(2);

        await notes.deleteLearner(learnerId);
        expect(await notes.exportLearner(learnerId)).toEqual({ notes: [], requests: [], replies: [], accessLog: [] });
        expect((await notes.threadOf(ORG, someoneElse)).notes).toHaveLength(1);
      });
    });

    describe('Outbox', () => {
      test('a due delivery is claimed by one dispatcher only, and settling needs the lease', async () => {
        const { outbox } = subject.stores;
        const item = delivery('n1', 'l1');
        await outbox.enqueue(item);
        const now = at('2026-03-01T10:00:01Z');
        const [first, second] = await Promise.all([outbox.claimDue('A', now, 30_000, 10), outbox.claimDue('B', now, 30_000, 10)]);
        expect([...first, ...second].map((d) => d.id)).toEqual([item.id]);
        const owner = first.length === 1 ? 'A' : 'B';
        const other = owner === 'A' ? 'B' : 'A';
        expect(await outbox.holdsLease(item.id, owner, now)).toBe(true);
        expect(await outbox.holdsLease(item.id, other, now)).toBe(false);
        expect(await outbox.markDelivered(item.id, other, 'webchat', now)).toBe(false);
        expect(await outbox.markDelivered(item.id, owner, 'webchat', now)).toBe(true);
        expect(await outbox.claimDue('C', at('2026-03-02T00:00:00Z'), 30_000, 10)).toEqual([]);
        expect(await outbox.forNotes(ORG, ['n1'])).toEqual([expect.objectContaining({ status: 'delivered', channel: 'webchat', attempts: 1 })]);
        expect(await outbox.forNotes(OTHER, ['n1'])).toEqual([]);
      });

      test('a claim whose dispatcher never came back is claimed again once its lease has run out, and the first owner can no longer settle it', async () => {
        const { outbox } = subject.stores;
        const item = delivery('n1', 'l1');
        await outbox.enqueue(item);
        expect(await outbox.claimDue('crashed', at('2026-03-01T10:00:00Z'), 30_000, 10)).toHaveLength(1);
        expect(await outbox.claimDue('B', at('2026-03-01T10:00:20Z'), 30_000, 10)).toEqual([]);
        // Another instance (or, for the file store, the process started again) takes over.
        const later = (await subject.reopen()).outbox;
        const reclaimed = await later.claimDue('B', at('2026-03-01T10:00:31Z'), 30_000, 10);
        expect(reclaimed.map((d) => [d.id, d.leaseOwner])).toEqual([[item.id, 'B']]);
        expect(await later.holdsLease(item.id, 'crashed', at('2026-03-01T10:00:31Z'))).toBe(false);
        expect(await later.markDelivered(item.id, 'crashed', 'msteams', at('2026-03-01T10:00:32Z'))).toBe(false);
        expect(await later.markDelivered(item.id, 'B', 'msteams', at('2026-03-01T10:00:32Z'))).toBe(true);
      });

      test('a retry waits for its time, a failure keeps its reason, and a delivery waiting for a visit wakes with the learner', async () => {
        const { outbox } = subject.stores;
        const retried = delivery('n1', 'l1');
        const failed = delivery('n2', 'l1');
        const waiting = delivery('n3', 'l2');
        for (const d of [retried, failed, waiting]) await outbox.enqueue(d);
        const claimed = await outbox.claimDue('A', at('2026-03-01T10:00:00Z'), 30_000, 10);
        expect(claimed).toHaveLength(3);
        await outbox.markRetry(retried.id, 'A', at('2026-03-01T10:05:00Z'), 'HTTP 429');
        await outbox.markFailed(failed.id, 'A', 'HTTP 403: the app is not installed');
        await outbox.markWaitingForVisit(waiting.id, 'A', 'no open web conversation');
        expect(await outbox.claimDue('A', at('2026-03-01T10:04:00Z'), 30_000, 10)).toEqual([]);
        expect((await outbox.claimDue('A', at('2026-03-01T10:05:00Z'), 30_000, 10)).map((d) => d.id)).toEqual([retried.id]);
        await outbox.markDelivered(retried.id, 'A', 'msteams', at('2026-03-01T10:05:01Z'));
        expect(await outbox.wake('l2', at('2026-03-01T11:00:00Z'))).toBe(1);
        expect((await outbox.claimDue('A', at('2026-03-01T11:00:00Z'), 30_000, 10)).map((d) => d.id)).toEqual([waiting.id]);
        expect((await outbox.listForLearner('l1')).find((d) => d.id === failed.id)).toMatchObject({
          status: 'failed',
          lastError: 'HTTP 403: the app is not installed',
        });
        await outbox.deleteLearner('l1');
        expect(await outbox.listForLearner('l1')).toEqual([]);
        expect(await outbox.listForLearner('l2')).toHaveLength(1);
      });
    });

    describe('CohortReadModel', () => {
      test('pages list sharing learners of one organisation, sorted, filtered and searched', async () => {
        const { cohort } = subject.stores;
        await cohort.upsert(
          cohortEntry('l1', {
            displayName: 'Åsa',
            sortName: 'åsa',
            searchTerms: ['asa', 'cykelkoket'],
            lastActiveAt: '2026-03-05T10:00:00.000Z',
            lessonsDone: 3,
          }),
        );
        await cohort.upsert(
          cohortEntry('l2', {
            displayName: 'Bo',
            sortName: 'bo',
            searchTerms: ['bo', 'vatterhjul'],
            lastActiveAt: '2026-02-01T10:00:00.000Z',
            lessonsDone: 5,
            startedModules: ['business-model'],
          }),
        );
        await cohort.upsert(cohortEntry('l3', { sharesWithAdvisors: false }));
        await cohort.upsert(cohortEntry('l4', { organisationId: OTHER }));
        const page = (q: Partial<Parameters<typeof cohort.page>[0]> = {}) =>
          cohort
            .page({ organisationId: ORG, sort: 'lastActive', offset: 0, limit: 10, ...q })
            .then((p) => [p.total, p.entries.map((e) => e.learnerId)]);
        expect(await page()).toEqual([2, ['l1', 'l2']]);
        expect(await page({ sort: 'lessonsDone' })).toEqual([2, ['l2', 'l1']]);
        // Swedish order: å after b (and z).
        expect(await page({ sort: 'name', limit: 1, offset: 1 })).toEqual([2, ['l1']]);
        expect(await page({ moduleId: 'business-model' })).toEqual([1, ['l2']]);
        expect(await page({ inactiveSince: at('2026-03-01T00:00:00Z') })).toEqual([1, ['l2']]);
        expect(await page({ learnerIds: ['l1', 'l3', 'l4'] })).toEqual([1, ['l1']]);
        expect(await page({ search: ['cykel'] })).toEqual([1, ['l1']]);
        expect(await page({ search: ['bo', 'vatter'] })).toEqual([1, ['l2']]);
        expect(await page({ search: ['.*'] })).toEqual([0, []]);
        expect((await cohort.all(ORG)).map((e) => e.learnerId).sort()).toEqual(['l1', 'l2']);
        expect(await cohort.get(OTHER, 'l1')).toBeNull();
      });

      test('an update keeps earlier active days, withdrawn consent hides the learner, and removal forgets them', async () => {
        const { cohort } = subject.stores;
        await cohort.upsert(cohortEntry('l1', { activeDays: ['2026-03-01'] }));
        await cohort.upsert(cohortEntry('l1', { activeDays: ['2026-03-03'], lessonsDone: 2 }));
        expect(await cohort.get(ORG, 'l1')).toMatchObject({ lessonsDone: 2, activeDays: ['2026-03-01', '2026-03-03'] });
        await cohort.upsert(cohortEntry('l1', { sharesWithAdvisors: false }));
        expect((await cohort.page({ organisationId: ORG, sort: 'name', offset: 0, limit: 10 })).total).toBe(0);
        await cohort.remove('l1');
        expect(await cohort.get(ORG, 'l1')).toBeNull();
      });
    });
  });
}
