import type { Db, Filter } from 'mongodb';
import { type CohortEntry, cohortEntrySchema } from '../../../bot/advisors/advisorRecords';
import type { CohortPage, CohortQuery, CohortReadModel, CohortSort } from '../../../bot/ports/cohortReadModel';
import { validateRecord } from '../validateRecord';
import { AdvisorDatabase } from './advisorCollections';
import { decodeDocument } from './decodeDocument';

type EntryDocument = CohortEntry & { _id: string };

const SORTS: Record<CohortSort, Record<string, 1 | -1>> = {
  lastActive: { lastActiveAt: -1, learnerId: 1 },
  name: { sortName: 1, learnerId: 1 },
  lessonsDone: { lessonsDone: -1, learnerId: 1 },
};

/**
 * The CohortReadModel on MongoDB (collection cohort, `_id` = learner id). A page is one find with the organisation and
 * consent first in the filter and the sort key after them, which the compound indexes serve without reading other
 * organisations' or non-sharing learners' entries; search terms match as anchored prefixes, which an index serves too.
 */
export class MongoCohort implements CohortReadModel {
  private readonly database: AdvisorDatabase;

  /** `deadlineMs`: how long one operation may take (the MongoStore's operation timeout); none by default. */
  constructor(db: Db, deadlineMs?: number) {
    this.database = new AdvisorDatabase(db, ['cohort'], deadlineMs);
  }

  async upsert(entry: CohortEntry): Promise<void> {
    const { activeDays, ...rest } = validateRecord(cohortEntrySchema, entry, 'cohort entry');
    await this.database.run(`update the cohort entry of ${entry.learnerId}`, () =>
      this.entries.updateOne({ _id: entry.learnerId }, { $set: rest, $addToSet: { activeDays: { $each: activeDays } } }, { upsert: true }),
    );
  }

  async page(query: CohortQuery): Promise<CohortPage> {
    const filter: Filter<EntryDocument> = {
      organisationId: query.organisationId,
      sharesWithAdvisors: true,
      ...(query.moduleId ? { startedModules: query.moduleId } : {}),
      ...(query.inactiveSince ? { lastActiveAt: { $lt: query.inactiveSince.toISOString() } } : {}),
      ...(query.learnerIds ? { learnerId: { $in: [...query.learnerIds] } } : {}),
      ...(query.search?.length ? { $and: query.search.map((word) => ({ searchTerms: { $regex: `^${escapeRegex(word)}` } })) } : {}),
    };
    return this.database.run('read a cohort page', async () => {
      // The page's ids first, sorted on the index's fields only, then those 50 entries: the sort never carries whole
      // entries (which a server without a usable index would otherwise sort in full).
      const [keys, counted] = await Promise.all([
        this.entries
          .aggregate<{ _id: string }>([
            { $match: filter },
            { $project: { _id: 1, learnerId: 1, lastActiveAt: 1, sortName: 1, lessonsDone: 1 } },
            { $sort: SORTS[query.sort] },
            { $skip: query.offset },
            { $limit: query.limit },
          ])
          .toArray(),
        this.entries.aggregate<{ total: number }>([{ $match: filter }, { $count: 'total' }]).toArray(),
      ]);
      const ids = keys.map((k) => k._id);
      const documents = ids.length ? await this.entries.find({ _id: { $in: ids } }).toArray() : [];
      const byId = new Map(documents.map((d) => [d._id, d]));
      const entries = ids.flatMap((id) => (byId.has(id) ? [decodeDocument(cohortEntrySchema, byId.get(id)!, 'cohort')] : []));
      return { entries, total: counted[0]?.total ?? 0 };
    });
  }

  async get(organisationId: string, learnerId: string): Promise<CohortEntry | null> {
    return this.database.run('read a cohort entry', async () => {
      const document = await this.entries.findOne({ _id: learnerId, organisationId });
      return document ? decodeDocument(cohortEntrySchema, document, 'cohort') : null;
    });
  }

  async all(organisationId: string): Promise<CohortEntry[]> {
    // A large organisation's whole cohort (the CSV export, the analytics) takes many batches: no deadline for the sum.
    return this.database.run(
      'read the cohort',
      async () =>
        (await this.entries.find({ organisationId, sharesWithAdvisors: true }).toArray()).map((d) => decodeDocument(cohortEntrySchema, d, 'cohort')),
      Infinity,
    );
  }

  async remove(learnerId: string): Promise<void> {
    await this.database.run(`remove the cohort entry of ${learnerId}`, () => this.entries.deleteOne({ _id: learnerId }));
  }

  private get entries() {
    return this.database.collection<EntryDocument>('cohort');
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
