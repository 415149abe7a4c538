import { AdvisorTurnBridge } from '../../bot/advisors/advisorTurnBridge';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/ports/store';
import { fileAdvisorStores, type AdvisorStoresUnderTest } from '../support/advisorStoreFactories';
import { progressRecord, webIdentity } from '../storage/storeContract';

/**
 * "Delete my data" on one device while a turn on another commits: the turn's cohort upsert must not bring the deleted
 * learner back to the advisors' dashboard, whichever way the two interleave, nor list a learner who stopped sharing
 * meanwhile. Real file stores; each interleaving is written out as the order of the two sides' steps.
 */
describe('a turn committed while the learner deletes their data', () => {
  const factory = fileAdvisorStores();
  let world: AdvisorStoresUnderTest;
  beforeEach(async () => {
    world = await factory.open();
  });
  afterEach(() => world.cleanup());

  /** What the engine's deletion does, in its order: the advisor side, the Store, then the advisor side once more. */
  const deleteLearner = async (bridge: AdvisorTurnBridge, learnerId: string) => {
    await bridge.forgetLearner(learnerId);
    await world.store.deleteLearner(learnerId);
    await bridge.learnerDeleted(learnerId);
  };
  const bridgeOn = (store: Pick<Store, 'getLearner'>): AdvisorTurnBridge =>
    new AdvisorTurnBridge({ store, stores: world.stores, kickDispatcher: () => undefined, logger: createLogger('silent') });
  const learnerWhoShares = async () => {
    const { id } = await world.store.resolveLearner(webIdentity(), 'demo');
    await world.store.updateLearnerProfile(id, { sharesWithAdvisors: true, displayName: 'Amina', ventureName: 'Vätterhjul' });
    return (await world.store.getLearner(id))!;
  };
  const cohortHas = async (learnerId: string) => (await world.stores.cohort.get('demo', learnerId)) !== null;

  it('leaves no entry when the turn upserts after the deletion', async () => {
    const learner = await learnerWhoShares();
    await deleteLearner(bridgeOn(world.store), learner.id);

    await bridgeOn(world.store).turnCommitted(learner, progressRecord(learner.id, 1), false);

    expect(await cohortHas(learner.id)).toBe(false);
  });

  it('leaves no entry when the turn looks again before the Store has deleted the learner', async () => {
    const learner = await learnerWhoShares();
    const deleting = bridgeOn(world.store);
    await deleting.forgetLearner(learner.id);
    await bridgeOn(world.store).turnCommitted(learner, progressRecord(learner.id, 1), false);
    expect(await cohortHas(learner.id)).toBe(true);

    await world.store.deleteLearner(learner.id);
    await deleting.learnerDeleted(learner.id);

    expect(await cohortHas(learner.id)).toBe(false);
  });

  it('does not list a learner who stopped sharing on another device while the turn ran', async () => {
    const learner = await learnerWhoShares();
    const { locale, displayName, ventureName, consentedAt } = learner;
    await world.store.updateLearnerProfile(learner.id, { locale, displayName, ventureName, consentedAt, sharesWithAdvisors: false });
    const stopped = (await world.store.getLearner(learner.id))!;
    await bridgeOn(world.store).turnCommitted(stopped, progressRecord(learner.id, 2), false);

    await bridgeOn(world.store).turnCommitted(learner, progressRecord(learner.id, 1), false);

    expect(await world.stores.cohort.get('demo', learner.id)).toMatchObject({ sharesWithAdvisors: false });
  });
});
