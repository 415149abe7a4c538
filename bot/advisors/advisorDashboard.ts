import { randomUUID } from 'node:crypto';
import type { Locale } from '../../curriculum/schema';
import type { AdvisorStores } from '../openStore';
import type { OrganisationProgrammes } from '../organisations/organisationProgrammes';
import type { CohortQuery, CohortSort } from '../ports/cohortReadModel';
import type { Store } from '../ports/store';
import { type LearnerRecord, RECORD_SCHEMA_VERSION } from '../records';
import type { AdvisorRecord, AnswerRef, CohortEntry, NoteRecord } from './advisorRecords';
import { type LearnerDetail, learnerDetailOf } from './learnerDetail';
import { type Period, programmeAnalytics, type ProgrammeAnalytics } from './programmeAnalytics';
import { searchTerms } from './searchTerms';

/** What an advisor asks of the cohort list. */
export interface CohortRequest {
  readonly sort: CohortSort;
  readonly moduleId?: string;
  readonly stalledOnly: boolean;
  readonly withRequestOnly: boolean;
  readonly search: string;
  readonly page: number;
}

export interface CohortRow {
  readonly entry: CohortEntry;
  readonly openRequests: number;
  readonly stalled: boolean;
}

export interface CohortView {
  readonly rows: readonly CohortRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export interface AdvisorDashboardOptions {
  readonly store: Pick<Store, 'getLearner' | 'loadProgress' | 'listAnswers'>;
  readonly stores: AdvisorStores;
  readonly programmes: Pick<OrganisationProgrammes, 'for'>;
  readonly stalledAfterDays: number;
  /** Asks the outbox dispatcher to send now. */
  readonly kickDispatcher: () => void;
  readonly clock?: () => Date;
}

export const COHORT_PAGE_SIZE = 50;

/**
 * What the advisor pages read and write, always within the signed-in advisor's organisation: a learner of another
 * organisation, or one who does not share with advisors, is `null` to every method, however their id was learned.
 */
export class AdvisorDashboard {
  private readonly clock: () => Date;

  constructor(private readonly options: AdvisorDashboardOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async cohort(advisor: AdvisorRecord, request: CohortRequest): Promise<CohortView> {
    const { cohort, notes } = this.options.stores;
    const organisationId = advisor.organisationId;
    const stalledBefore = new Date(this.clock().getTime() - this.options.stalledAfterDays * 86_400_000);
    const withRequests = request.withRequestOnly ? [...(await notes.openRequestCounts(organisationId)).keys()] : undefined;
    const query: CohortQuery = {
      organisationId,
      sort: request.sort,
      ...(request.moduleId ? { moduleId: request.moduleId } : {}),
      ...(request.stalledOnly ? { inactiveSince: stalledBefore } : {}),
      ...(withRequests ? { learnerIds: withRequests } : {}),
      ...(request.search.trim() ? { search: searchTerms(request.search) } : {}),
      offset: (Math.max(1, request.page) - 1) * COHORT_PAGE_SIZE,
      limit: COHORT_PAGE_SIZE,
    };
    const page = await cohort.page(query);
    const counts = await notes.openRequestCounts(
      organisationId,
      page.entries.map((e) => e.learnerId),
    );
    return {
      rows: page.entries.map((entry) => ({
        entry,
        openRequests: counts.get(entry.learnerId) ?? 0,
        stalled: entry.lastActiveAt < stalledBefore.toISOString(),
      })),
      total: page.total,
      page: Math.max(1, request.page),
      pages: Math.max(1, Math.ceil(page.total / COHORT_PAGE_SIZE)),
    };
  }

  /** Every listed learner (for the CSV export), in the list's order. */
  async cohortRows(advisor: AdvisorRecord, request: Omit<CohortRequest, 'page'>): Promise<CohortRow[]> {
    const rows: CohortRow[] = [];
    for (let page = 1; ; page += 1) {
      const view = await this.cohort(advisor, { ...request, page });
      rows.push(...view.rows);
      if (page >= view.pages) return rows;
    }
  }

  /** The learner if the advisor may see them: same organisation, and sharing with advisors. */
  async sharedLearner(advisor: AdvisorRecord, learnerId: string): Promise<LearnerRecord | null> {
    const learner = await this.options.store.getLearner(learnerId);
    return learner && learner.organisationId === advisor.organisationId && learner.sharesWithAdvisors === true ? learner : null;
  }

  /** The learner page's content; the view is written to the access log the learner can export. */
  async learner(advisor: AdvisorRecord, learnerId: string, action: 'viewed' | 'exported' = 'viewed'): Promise<LearnerDetail | null> {
    const learner = await this.sharedLearner(advisor, learnerId);
    if (!learner) return null;
    const { store, stores } = this.options;
    const [progress, answers, thread] = await Promise.all([
      store.loadProgress(learner.id),
      store.listAnswers(learner.id),
      stores.notes.threadOf(advisor.organisationId, learner.id),
    ]);
    const deliveries = await stores.outbox.forNotes(
      advisor.organisationId,
      thread.notes.map((n) => n.id),
    );
    await stores.notes.logAccess({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: advisor.organisationId,
      learnerId: learner.id,
      advisorId: advisor.id,
      advisorName: advisor.name,
      action,
      at: this.clock().toISOString(),
    });
    return learnerDetailOf({
      learner,
      progress,
      answers,
      thread,
      deliveries,
      index: this.options.programmes.for(advisor.organisationId).index,
      locale: advisor.locale,
    });
  }

  /** Writes a note and queues its delivery; open requests of the learner count as answered. Null: no such learner. */
  async writeNote(advisor: AdvisorRecord, learnerId: string, text: string, answer?: AnswerRef): Promise<NoteRecord | null> {
    const learner = await this.sharedLearner(advisor, learnerId);
    if (!learner) return null;
    const now = this.clock();
    const index = this.options.programmes.for(advisor.organisationId).index;
    const note: NoteRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: advisor.organisationId,
      learnerId: learner.id,
      advisorId: advisor.id,
      advisorName: advisor.name,
      text: text.trim().slice(0, 4000),
      ...(answer && index.step(answer) ? { answer } : {}),
      createdAt: now.toISOString(),
    };
    const { notes, outbox } = this.options.stores;
    await notes.addNote(note);
    await outbox.enqueue({
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: randomUUID(),
      organisationId: note.organisationId,
      learnerId: note.learnerId,
      noteId: note.id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      createdAt: now.toISOString(),
    });
    await notes.answerRequests(advisor.organisationId, learner.id, note.id, now);
    this.options.kickDispatcher();
    return note;
  }

  async analytics(advisor: AdvisorRecord, period: Period, locale: Locale): Promise<ProgrammeAnalytics> {
    const entries = await this.options.stores.cohort.all(advisor.organisationId);
    return programmeAnalytics(entries, this.options.programmes.for(advisor.organisationId).index, period, locale);
  }
}
