import { randomUUID } from 'node:crypto';
import { IdentityTakenError, type Store, StoreUnavailableError } from '../../bot/ports/store';
import { type AnswerRecord, type Identity, legacyIdentityKey, type ProgressRecord, RECORD_SCHEMA_VERSION } from '../../bot/records';
import { testOrganisation } from '../support/testOrganisations';

/** A store opened for one test, with a way to plant raw documents as a newer release would have written them. */
export interface StoreUnderTest {
  readonly store: Store;
  cleanup(): Promise<void>;
  /**
   * Writes a document directly, bypassing the store's checks: a learner, progress or answer document, or the owner of
   * an identity key (`{ identityKey, learnerId }`).
   */
  plantDocument(kind: 'learner' | 'progress' | 'answer' | 'identity', document: Record<string, unknown>): Promise<void>;
}

const ORGANISATION = 'coop-test';
const OTHER_ORGANISATION = 'coop-elsewhere';

export function webIdentity(): Identity {
  return { channel: 'webchat', userId: `web-${randomUUID()}` };
}

export function teamsIdentity(): Identity {
  return { channel: 'msteams', userId: `aad-${randomUUID()}`, tenantId: 'tenant-1' };
}

export function progressRecord(learnerId: string, version: number, marker = 'start'): ProgressRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    learnerId,
    version,
    conversation: { schemaVersion: 1, value: { lesson: marker }, context: { answers: ['å', 'ä', 'ö'], score: 2.5, nested: [[1, 2], { empty: {} }] } },
    summary: {
      modules: {
        'challenge-to-idea': { lessons: { 'wicked-problems': { status: 'in-progress', stepsDone: 2, stepCount: 5, quizCorrect: 1, quizTotal: 2 } } },
      },
      artefacts: { canvas: { problem: `Ensamhet bland äldre (${marker})` } },
    },
    recentActivityIds: [`activity-${marker}`],
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: `2026-01-05T10:00:0${Math.min(version, 9)}.000Z`,
  };
}

export function answerRecord(learnerId: string, activityId: string, at: string, answer: AnswerRecord['answer'] = 'ett svar'): AnswerRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    learnerId,
    activityId,
    moduleId: 'challenge-to-idea',
    lessonId: 'wicked-problems',
    stepId: 'describe-problem',
    stepKind: 'open',
    answer,
    feedback: 'Bra början.',
    at,
  };
}

/** The behaviour every Store must show; run by each implementation's test file against a real backend. */
export function describeStoreContract(name: string, openStore: () => Promise<StoreUnderTest>): void {
  describe(`${name} (Store contract)`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await openStore();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    test('resolving a new identity creates a learner, and resolving it again finds the same learner', async () => {
      const identity = teamsIdentity();
      const created = await store.resolveLearner(identity, ORGANISATION);
      expect(created).toMatchObject({ schemaVersion: RECORD_SCHEMA_VERSION, organisationId: ORGANISATION, identities: [identity] });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

      const found = await store.resolveLearner({ ...identity }, ORGANISATION);
      expect(found).toEqual(created);
      expect(await store.getLearner(created.id)).toEqual(created);
    });

    test('the same identity in another organisation is another learner, and neither finds the other', async () => {
      const identity = webIdentity();
      const ours = await store.resolveLearner(identity, ORGANISATION);
      expect(await store.findLearner(identity, OTHER_ORGANISATION)).toBeNull();
      const theirs = await store.resolveLearner(identity, OTHER_ORGANISATION);
      expect(theirs.id).not.toBe(ours.id);
      expect(theirs.organisationId).toBe(OTHER_ORGANISATION);
      expect((await store.findLearner(identity, ORGANISATION))?.id).toBe(ours.id);
      await store.deleteLearner(ours.id);
      expect((await store.findLearner(identity, OTHER_ORGANISATION))?.id).toBe(theirs.id);
    });

    test("an identity stored before organisations existed moves to its learner's organisation when it is first looked up", async () => {
      const identity = webIdentity();
      const learnerId = randomUUID();
      const now = new Date().toISOString();
      await subject.plantDocument('learner', {
        schemaVersion: RECORD_SCHEMA_VERSION,
        id: learnerId,
        organisationId: 'default',
        identities: [identity],
        createdAt: now,
        updatedAt: now,
      });
      await subject.plantDocument('identity', { identityKey: legacyIdentityKey(identity), learnerId });

      const found = await store.resolveLearner(identity, ORGANISATION);
      expect(found).toMatchObject({ id: learnerId, organisationId: ORGANISATION });
      expect((await store.getLearner(learnerId))?.organisationId).toBe(ORGANISATION);
      expect((await store.findLearner(identity, ORGANISATION))?.id).toBe(learnerId);
      expect((await store.resolveLearner(identity, OTHER_ORGANISATION)).id).not.toBe(learnerId);
    });

    test('twenty concurrent resolutions of one new identity create exactly one learner', async () => {
      const identity = webIdentity();
      const learners = await Promise.all(Array.from({ length: 20 }, () => store.resolveLearner(identity, ORGANISATION)));
      expect(new Set(learners.map((learner) => learner.id)).size).toBe(1);
      expect((await store.resolveLearner(identity, ORGANISATION)).id).toBe(learners[0]!.id);
    });

    test('different identities resolve to different learners', async () => {
      const first = await store.resolveLearner(webIdentity(), ORGANISATION);
      const second = await store.resolveLearner(webIdentity(), ORGANISATION);
      expect(second.id).not.toBe(first.id);
    });

    test('getLearner returns null for an unknown id', async () => {
      expect(await store.getLearner(randomUUID())).toBeNull();
      expect(await store.getLearner('../../etc/passwd')).toBeNull();
    });

    test('updating the profile replaces locale, names and consent and keeps ids and identities', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      await store.updateLearnerProfile(learner.id, {
        locale: 'sv',
        displayName: 'Aisha',
        ventureName: 'Bygdevård',
        consentedAt: '2026-01-05T10:00:00.000Z',
      });
      await store.updateLearnerProfile(learner.id, { locale: 'en', displayName: 'Aisha K' });

      const updated = await store.getLearner(learner.id);
      expect(updated).toMatchObject({
        id: learner.id,
        organisationId: ORGANISATION,
        identities: learner.identities,
        createdAt: learner.createdAt,
        locale: 'en',
        displayName: 'Aisha K',
      });
      expect(updated).not.toHaveProperty('ventureName');
      expect(updated).not.toHaveProperty('consentedAt');
    });

    test('updating the profile of an unknown learner is refused', async () => {
      await expect(store.updateLearnerProfile(randomUUID(), { locale: 'sv' })).rejects.toThrow(/no learner/);
    });

    test('a linked identity resolves to the same learner, and linking it again changes nothing', async () => {
      const learner = await store.resolveLearner(teamsIdentity(), ORGANISATION);
      const web = webIdentity();
      await store.linkIdentity(learner.id, web);
      await store.linkIdentity(learner.id, { ...web });

      expect((await store.resolveLearner(web, ORGANISATION)).id).toBe(learner.id);
      expect((await store.getLearner(learner.id))?.identities).toEqual([...learner.identities, web]);
    });

    test('linking an identity that belongs to another learner is refused and changes neither learner', async () => {
      const owner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const other = await store.resolveLearner(teamsIdentity(), ORGANISATION);

      await expect(store.linkIdentity(other.id, owner.identities[0]!)).rejects.toBeInstanceOf(IdentityTakenError);
      expect((await store.resolveLearner(owner.identities[0]!, ORGANISATION)).id).toBe(owner.id);
      expect(await store.getLearner(other.id)).toEqual(other);
      expect(await store.getLearner(owner.id)).toEqual(owner);
    });

    test('a learner without progress loads null', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      expect(await store.loadProgress(learner.id)).toBeNull();
    });

    test('progress saved with no expected version, then with the version read, loads back exactly', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const first = progressRecord(learner.id, 1, 'first');
      expect(await store.saveProgress(first, null)).toBe('saved');
      expect(await store.loadProgress(learner.id)).toEqual(first);

      const second = progressRecord(learner.id, 2, 'second');
      expect(await store.saveProgress(second, 1)).toBe('saved');
      expect(await store.loadProgress(learner.id)).toEqual(second);
    });

    test('progress round-trips like JSON: undefined values inside the conversation are left out', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const record = progressRecord(learner.id, 1);
      await store.saveProgress({ ...record, conversation: { ...record.conversation, pending: undefined } }, null);
      const loaded = await store.loadProgress(learner.id);
      expect(loaded).toEqual(JSON.parse(JSON.stringify(record)));
      expect(loaded?.conversation).not.toHaveProperty('pending');
    });

    test('saving as new when progress already exists is a conflict and keeps the stored progress', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const first = progressRecord(learner.id, 1, 'first');
      await store.saveProgress(first, null);
      expect(await store.saveProgress(progressRecord(learner.id, 1, 'other device'), null)).toBe('conflict');
      expect(await store.loadProgress(learner.id)).toEqual(first);
    });

    test('saving with a stale version is a conflict and does not overwrite', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      await store.saveProgress(progressRecord(learner.id, 1), null);
      const current = progressRecord(learner.id, 2, 'current');
      await store.saveProgress(current, 1);

      expect(await store.saveProgress(progressRecord(learner.id, 2, 'stale'), 1)).toBe('conflict');
      expect(await store.loadProgress(learner.id)).toEqual(current);
    });

    test('saving with an expected version when nothing is stored is a conflict', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      expect(await store.saveProgress(progressRecord(learner.id, 4), 3)).toBe('conflict');
      expect(await store.loadProgress(learner.id)).toBeNull();
    });

    test('of twenty concurrent saves over the same version exactly one is saved, and it is the one stored', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      await store.saveProgress(progressRecord(learner.id, 1), null);

      const attempts = Array.from({ length: 20 }, (_, index) => progressRecord(learner.id, 2, `device-${index}`));
      const results = await Promise.all(attempts.map((record) => store.saveProgress(record, 1)));

      expect(results.filter((result) => result === 'saved')).toHaveLength(1);
      expect(results.filter((result) => result === 'conflict')).toHaveLength(19);
      expect(await store.loadProgress(learner.id)).toEqual(attempts[results.indexOf('saved')]);
    });

    test('a save whose version is not the expected version plus one is refused as a bug', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      await expect(store.saveProgress(progressRecord(learner.id, 3), null)).rejects.toThrow(TypeError);
      expect(await store.loadProgress(learner.id)).toBeNull();
    });

    test('an answer is recorded once, and the same activity again is reported as a duplicate and ignored', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const answer = answerRecord(learner.id, 'activity-1', '2026-01-05T10:00:00.000Z', ['option-a', 'option-c']);
      expect(await store.appendAnswer(answer)).toBe('recorded');
      expect(await store.appendAnswer({ ...answer, answer: 'changed' })).toBe('duplicate');
      expect(await store.listAnswers(learner.id)).toEqual([answer]);
    });

    test("answers are listed in the order they were given, and only the learner's own", async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const other = await store.resolveLearner(webIdentity(), ORGANISATION);
      const answers = [
        answerRecord(learner.id, 'a1', '2026-01-05T10:00:01.000Z', 'text'),
        answerRecord(learner.id, 'a2', '2026-01-05T10:00:02.000Z', 4),
        answerRecord(learner.id, 'a3', '2026-01-05T10:00:03.000Z', [10, 20.5]),
      ];
      for (const answer of answers) await store.appendAnswer(answer);
      await store.appendAnswer(answerRecord(other.id, 'a1', '2026-01-05T10:00:04.000Z'));

      expect(await store.listAnswers(learner.id)).toEqual(answers);
      expect(await store.listAnswers(other.id)).toHaveLength(1);
      expect(await store.listAnswers(randomUUID())).toEqual([]);
    });

    test('twenty concurrent appends of one activity record it exactly once', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const answer = answerRecord(learner.id, 'redelivered', '2026-01-05T10:00:00.000Z');
      const results = await Promise.all(Array.from({ length: 20 }, () => store.appendAnswer(answer)));
      expect(results.filter((result) => result === 'recorded')).toHaveLength(1);
      expect(await store.listAnswers(learner.id)).toEqual([answer]);
    });

    test('an export contains the learner, the progress and every answer', async () => {
      const learner = await store.resolveLearner(webIdentity(), ORGANISATION);
      const progress = progressRecord(learner.id, 1);
      await store.saveProgress(progress, null);
      const answers = [answerRecord(learner.id, 'x1', '2026-01-05T10:00:01.000Z'), answerRecord(learner.id, 'x2', '2026-01-05T10:00:02.000Z')];
      for (const answer of answers) await store.appendAnswer(answer);

      expect(await store.exportLearner(learner.id)).toEqual({ learner, progress, answers });
      expect(await store.exportLearner(randomUUID())).toBeNull();
    });

    test('deleting a learner removes everything, and its identities then resolve to a new learner', async () => {
      const learner = await store.resolveLearner(teamsIdentity(), ORGANISATION);
      const web = webIdentity();
      await store.linkIdentity(learner.id, web);
      await store.saveProgress(progressRecord(learner.id, 1), null);
      await store.appendAnswer(answerRecord(learner.id, 'd1', '2026-01-05T10:00:01.000Z'));
      const bystander = await store.resolveLearner(webIdentity(), ORGANISATION);
      await store.appendAnswer(answerRecord(bystander.id, 'd1', '2026-01-05T10:00:01.000Z'));

      await store.deleteLearner(learner.id);

      expect(await store.getLearner(learner.id)).toBeNull();
      expect(await store.loadProgress(learner.id)).toBeNull();
      expect(await store.listAnswers(learner.id)).toEqual([]);
      expect(await store.exportLearner(learner.id)).toBeNull();
      const again = await store.resolveLearner(learner.identities[0]!, ORGANISATION);
      expect(again.id).not.toBe(learner.id);
      expect((await store.resolveLearner(web, ORGANISATION)).id).not.toBe(learner.id);
      expect(await store.listAnswers(bystander.id)).toHaveLength(1);
      await expect(store.deleteLearner(learner.id)).resolves.toBeUndefined();
    });

    test('health reports ok and names the kind of store', async () => {
      const health = await store.health();
      expect(health.ok).toBe(true);
      expect(['file', 'mongodb']).toContain(health.kind);
    });

    test('progress written by a newer release is refused with a clear error, not misread', async () => {
      const learnerId = randomUUID();
      await subject.plantDocument('progress', { ...progressRecord(learnerId, 1), schemaVersion: RECORD_SCHEMA_VERSION + 1, newField: true });
      const loading = store.loadProgress(learnerId);
      await expect(loading).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(loading).rejects.toThrow(/schema version 2, newer than this release understands/);
    });

    test('a learner and an answer written by a newer release are refused too', async () => {
      const learnerId = randomUUID();
      const now = '2026-01-05T10:00:00.000Z';
      await subject.plantDocument('learner', {
        schemaVersion: RECORD_SCHEMA_VERSION + 1,
        id: learnerId,
        organisationId: ORGANISATION,
        identities: [webIdentity()],
        createdAt: now,
        updatedAt: now,
      });
      await subject.plantDocument('answer', { ...answerRecord(learnerId, 'future', now), schemaVersion: RECORD_SCHEMA_VERSION + 1 });
      await expect(store.getLearner(learnerId)).rejects.toThrow(/schema version 2/);
      await expect(store.listAnswers(learnerId)).rejects.toThrow(/schema version 2/);
    });

    test('a stored document that does not match its schema is refused naming the document', async () => {
      const learnerId = randomUUID();
      await subject.plantDocument('progress', { ...progressRecord(learnerId, 1), version: 'one' });
      const loading = store.loadProgress(learnerId);
      await expect(loading).rejects.toThrow(/does not match its schema: version/);
      await expect(loading).rejects.toThrow(learnerId);
    });

    test('a link code is redeemed once, only in its organisation, never after it expires, and goes with its learner', async () => {
      const learner = await store.resolveLearner(teamsIdentity(), ORGANISATION);
      const hash = (n: number) => String(n).repeat(64).slice(0, 64);
      const inTenMinutes = '2026-01-05T10:10:00.000Z';
      const now = new Date('2026-01-05T10:00:00.000Z');
      const code = (n: number) => ({ codeHash: hash(n), learnerId: learner.id, organisationId: ORGANISATION, expiresAt: inTenMinutes });
      for (const n of [1, 2, 3, 5]) await store.saveLinkCode(code(n));

      const concurrent = await Promise.all(Array.from({ length: 5 }, () => store.redeemLinkCode(hash(1), ORGANISATION, now)));
      expect(concurrent.filter((id) => id === learner.id)).toHaveLength(1);
      expect(await store.redeemLinkCode(hash(1), ORGANISATION, now)).toBeNull();
      expect(await store.redeemLinkCode(hash(2), ORGANISATION, new Date('2026-01-05T10:10:00.001Z'))).toBeNull();
      expect(await store.redeemLinkCode(hash(4), ORGANISATION, now)).toBeNull();
      expect(await store.redeemLinkCode(hash(5), OTHER_ORGANISATION, now)).toBeNull();
      expect(await store.redeemLinkCode(hash(5), ORGANISATION, now)).toBe(learner.id);

      await store.deleteLearner(learner.id);
      expect(await store.redeemLinkCode(hash(3), ORGANISATION, now)).toBeNull();
    });

    test('keeps a copy of the organisations, replacing one saved again under the same id', async () => {
      const coop = testOrganisation('coop-copy');
      await store.saveOrganisations([coop, testOrganisation('another-copy')]);
      await store.saveOrganisations([{ ...coop, name: { sv: 'Nytt namn', en: 'New name' } }]);
      const saved = await store.listOrganisations();
      expect(saved.map((o) => o.id)).toEqual(['another-copy', 'coop-copy']);
      expect(saved.find((o) => o.id === 'coop-copy')?.name.en).toBe('New name');
    });

    test('finding a learner by identity never creates one', async () => {
      const identity = webIdentity();
      expect(await store.findLearner(identity, ORGANISATION)).toBeNull();
      const learner = await store.resolveLearner(identity, ORGANISATION);
      expect(await store.findLearner({ ...identity }, ORGANISATION)).toEqual(learner);
      await store.deleteLearner(learner.id);
      expect(await store.findLearner(identity, ORGANISATION)).toBeNull();
    });
  });
}
