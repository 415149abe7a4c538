import { AdvisorTurnBridge } from '../../bot/advisors/advisorTurnBridge';
import { createLogger } from '../../bot/logger';
import type { Store } from '../../bot/ports/store';
import { fileAdvisorStores, type AdvisorStoresUnderTest } from '../support/advisorStoreFactories';
import { progressRecord, webIdentity } from '../storage/storeContract';

/**
 * "Delete my data" on one device while a turn on another commits: the turn's cohort upsert must not bring the deleted
 * learner back to the advisors' dashboard, whichever way the two interleave. Real file stores; the interleaving is
 * forced by holding one call of each side until the other has gone on.
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
  const bridgeOn = (store: Pick<Store, 'getLearner'>) =>
    new AdvisorTurnBridge({ store, stores: world.stores, kickDispatcher: () => undefined, logger: createLogger('silent') });
  const learnerWhoShares = async () => {
    const learner = await world.store.resolveLearner(webIdentity(), 'demo');
    await world.store.updateLearnerProfile(learner.id, { sharesWithAdvisors: true, displayName: 'Amina', ventureName: 'Vätterhjul' });
    return learner.id;
  };
  const cohortHas = async (learnerId: string) => (await world.stores.cohort.get('demo', learnerId)) !== null;

  it('leaves no entry when the upsert lands after the deletion', async () => {
    const learnerId = await learnerWhoShares();
    let readLearner!: () => void;
    const learnerRead = new Promise<void>((resolve) => (readLearner = resolve));
    let goOn!: () => void;
    const held = new Promise<void>((resolve) => (goOn = resolve));
    let reads = 0;
    const bridge = bridgeOn({
      getLearner: async (id) => {
        const learner = await world.store.getLearner(id);
        if (++reads === 1) {
          readLearner();
          await held;
        }
        return learner;
      },
    });

    const committing = bridge.turnCommitted(learnerId, progressRecord(learnerId, 1), false);
    await learnerRead;
    await deleteLearner(bridgeOn(world.store), learnerId);
    goOn();
    await committing;

    expect(await cohortHas(learnerId)).toBe(false);
  });

  it('leaves no entry when the turn looks again before the Store has deleted the learner', async () => {
    const learnerId = await learnerWhoShares();
    const reached = [gate(), gate()];
    const released = [gate(), gate()];
    let reads = 0;
    const bridge = bridgeOn({
      getLearner: async (id) => {
        const learner = await world.store.getLearner(id);
        const read = reads++;
        reached[read]?.open();
        await released[read]?.opened;
        return learner;
      },
    });

    const committing = bridge.turnCommitted(learnerId, progressRecord(learnerId, 1), false);
    await reached[0]!.opened;
    const deleting = bridgeOn(world.store);
    await deleting.forgetLearner(learnerId);
    released[0]!.open();
    // The upsert is in; the turn's second look still finds the learner, whom the Store has not deleted yet.
    await reached[1]!.opened;
    released[1]!.open();
    await committing;
    expect(await cohortHas(learnerId)).toBe(true);
    await world.store.deleteLearner(learnerId);
    await deleting.learnerDeleted(learnerId);

    expect(await cohortHas(learnerId)).toBe(false);
  });
});

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
