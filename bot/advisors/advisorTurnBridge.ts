import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { AdvisorStores } from '../openStore';
import type { Store } from '../ports/store';
import type { LearnerRecord, ProgressRecord } from '../records';
import { RECORD_SCHEMA_VERSION } from '../records';
import type { AdvisorExport, AdvisorTurnHooks } from './advisorTurnHooks';
import { cohortEntryOf } from './cohortProjection';

export interface AdvisorTurnBridgeOptions {
  readonly store: Pick<Store, 'getLearner'>;
  readonly stores: AdvisorStores;
  /** Asks the outbox dispatcher to look for due deliveries now rather than at its next poll. */
  readonly kickDispatcher: () => void;
  readonly logger: Logger;
  readonly clock?: () => Date;
}

/** The advisor side as the turn engine sees it (see AdvisorTurnHooks), on the advisor stores. */
export class AdvisorTurnBridge implements AdvisorTurnHooks {
  private readonly clock: () => Date;

  constructor(private readonly options: AdvisorTurnBridgeOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async turnCommitted(learner: LearnerRecord, progress: ProgressRecord, opened: boolean): Promise<void> {
    const { stores, logger } = this.options;
    try {
      await this.refreshCohortEntry(learner, progress);
      if (opened && (await stores.outbox.wake(learner.id, this.clock())) > 0) this.options.kickDispatcher();
    } catch (error) {
      // The turn has committed; a stale cohort row is refreshed by the learner's next turn.
      logger.warn({ learnerId: learner.id, err: error }, 'cohort entry or waiting deliveries not updated after a turn');
    }
  }

  /**
   * Upserts the entry, then reads the learner once: another device may have changed their consent or names, or
   * deleted their data, since this turn read them. That device writes the entry (or removes it, once more after the
   * Store has deleted the learner) after its own change, so whichever write lands last, one of the two sees the other.
   */
  private async refreshCohortEntry(learner: LearnerRecord, progress: ProgressRecord): Promise<void> {
    const { stores, store } = this.options;
    const now = this.clock();
    const entry = cohortEntryOf(learner, progress, now);
    await stores.cohort.upsert(entry);
    const current = await store.getLearner(learner.id);
    if (!current) {
      await stores.cohort.remove(learner.id);
      return;
    }
    // The entry is projected from the learner record and the progress alone: an unchanged record cannot change it.
    if (current === learner || JSON.stringify(current) === JSON.stringify(learner)) return;
    const fresh = cohortEntryOf(current, progress, now);
    if (JSON.stringify(fresh) !== JSON.stringify(entry)) await stores.cohort.upsert(fresh);
  }

  async requestAdvisor(learner: LearnerRecord): Promise<void> {
    await this.options.stores.notes.addRequest({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: learner.organisationId,
      learnerId: learner.id,
      status: 'open',
      createdAt: this.clock().toISOString(),
    });
  }

  async recordReply(learner: LearnerRecord, noteId: string, text: string): Promise<boolean> {
    const { notes } = this.options.stores;
    const note = await notes.getNote(learner.organisationId, noteId);
    if (!note || note.learnerId !== learner.id) return false;
    await notes.addReply({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: learner.organisationId,
      learnerId: learner.id,
      noteId,
      text: text.trim().slice(0, 4000),
      createdAt: this.clock().toISOString(),
    });
    return true;
  }

  async exportOf(learnerId: string): Promise<AdvisorExport> {
    const { notes, outbox } = this.options.stores;
    const [thread, deliveries] = await Promise.all([notes.exportLearner(learnerId), outbox.listForLearner(learnerId)]);
    return { notes: thread.notes, advisorRequests: thread.requests, replies: thread.replies, deliveries, accessLog: thread.accessLog };
  }

  async forgetLearner(learnerId: string): Promise<void> {
    const { notes, outbox, cohort } = this.options.stores;
    // The cohort entry first: the learner leaves the dashboard even if a later step fails and is repeated.
    await cohort.remove(learnerId);
    await outbox.deleteLearner(learnerId);
    await notes.deleteLearner(learnerId);
  }

  async learnerDeleted(learnerId: string): Promise<void> {
    await this.options.stores.cohort.remove(learnerId);
  }
}
