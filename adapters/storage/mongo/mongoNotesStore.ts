import type { Db } from 'mongodb';
import {
  type AccessLogEntry,
  accessLogEntrySchema,
  type AdvisorRequestRecord,
  advisorRequestSchema,
  type LearnerReplyRecord,
  learnerReplySchema,
  type NoteRecord,
  noteRecordSchema,
} from '../../../bot/advisors/advisorRecords';
import type { LearnerThread, NotesStore } from '../../../bot/ports/notesStore';
import { validateRecord } from '../validateRecord';
import { AdvisorDatabase } from './advisorCollections';
import { decodeDocument } from './decodeDocument';

type Doc = Record<string, unknown> & { _id: string };

/** The NotesStore on MongoDB: collections notes, advisorRequests, learnerReplies and accessLog (`_id` = record id). */
export class MongoNotesStore implements NotesStore {
  private readonly database: AdvisorDatabase;

  /** `deadlineMs`: how long one operation may take (the MongoStore's operation timeout); none by default. */
  constructor(db: Db, deadlineMs?: number) {
    this.database = new AdvisorDatabase(db, ['notes', 'advisorRequests', 'learnerReplies', 'accessLog'], deadlineMs);
  }

  async addNote(note: NoteRecord): Promise<void> {
    const checked = validateRecord(noteRecordSchema, note, 'note');
    await this.database.run('add a note', () => this.of('notes').insertOne({ _id: checked.id, ...checked }));
  }

  async getNote(organisationId: string, noteId: string): Promise<NoteRecord | null> {
    return this.database.run('read a note', async () => {
      const document = await this.of('notes').findOne({ _id: noteId, organisationId });
      return document ? decodeDocument(noteRecordSchema, document, 'notes') : null;
    });
  }

  async addRequest(request: AdvisorRequestRecord): Promise<void> {
    const checked = validateRecord(advisorRequestSchema, request, 'advisor request');
    await this.database.run('add an advisor request', () => this.of('advisorRequests').insertOne({ _id: checked.id, ...checked }));
  }

  async answerRequests(organisationId: string, learnerId: string, noteId: string, at: Date): Promise<void> {
    await this.database.run('answer advisor requests', () =>
      this.of('advisorRequests').updateMany(
        { organisationId, learnerId, status: 'open' },
        { $set: { status: 'answered', answeredAt: at.toISOString(), answeredByNoteId: noteId } },
      ),
    );
  }

  async openRequestCounts(organisationId: string, learnerIds?: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return this.database.run('count open advisor requests', async () => {
      const filter = { organisationId, status: 'open', ...(learnerIds ? { learnerId: { $in: [...learnerIds] } } : {}) };
      const groups = await this.of('advisorRequests')
        .aggregate<{ _id: string; count: number }>([{ $match: filter }, { $group: { _id: '$learnerId', count: { $sum: 1 } } }])
        .toArray();
      return new Map(groups.map((g) => [g._id, g.count]));
    });
  }

  async addReply(reply: LearnerReplyRecord): Promise<void> {
    const checked = validateRecord(learnerReplySchema, reply, 'learner reply');
    await this.database.run('add a learner reply', () => this.of('learnerReplies').insertOne({ _id: checked.id, ...checked }));
  }

  async threadOf(organisationId: string, learnerId: string): Promise<LearnerThread> {
    return this.database.run(`read the thread of learner ${learnerId}`, async () => {
      const filter = { organisationId, learnerId };
      const [notes, requests, replies] = await Promise.all([
        this.of('notes').find(filter).toArray(),
        this.of('advisorRequests').find(filter).toArray(),
        this.of('learnerReplies').find(filter).toArray(),
      ]);
      return {
        notes: byTime(
          notes.map((d) => decodeDocument(noteRecordSchema, d, 'notes')),
          (n) => n.createdAt,
        ),
        requests: byTime(
          requests.map((d) => decodeDocument(advisorRequestSchema, d, 'advisorRequests')),
          (r) => r.createdAt,
        ),
        replies: byTime(
          replies.map((d) => decodeDocument(learnerReplySchema, d, 'learnerReplies')),
          (r) => r.createdAt,
        ),
      };
    });
  }

  async logAccess(entry: AccessLogEntry): Promise<void> {
    const checked = validateRecord(accessLogEntrySchema, entry, 'access log entry');
    await this.database.run('log an access', () => this.of('accessLog').insertOne({ _id: checked.id, ...checked }));
  }

  async accessLogOf(organisationId: string, learnerId: string): Promise<AccessLogEntry[]> {
    return this.database.run('read the access log', async () =>
      byTime(
        (await this.of('accessLog').find({ organisationId, learnerId }).toArray()).map((d) => decodeDocument(accessLogEntrySchema, d, 'accessLog')),
        (e) => e.at,
      ),
    );
  }

  async exportLearner(learnerId: string) {
    return this.database.run(`export the notes of learner ${learnerId}`, async () => {
      const [notes, requests, replies, access] = await Promise.all([
        this.of('notes').find({ learnerId }).toArray(),
        this.of('advisorRequests').find({ learnerId }).toArray(),
        this.of('learnerReplies').find({ learnerId }).toArray(),
        this.of('accessLog').find({ learnerId }).toArray(),
      ]);
      return {
        notes: byTime(
          notes.map((d) => decodeDocument(noteRecordSchema, d, 'notes')),
          (n) => n.createdAt,
        ),
        requests: byTime(
          requests.map((d) => decodeDocument(advisorRequestSchema, d, 'advisorRequests')),
          (r) => r.createdAt,
        ),
        replies: byTime(
          replies.map((d) => decodeDocument(learnerReplySchema, d, 'learnerReplies')),
          (r) => r.createdAt,
        ),
        accessLog: byTime(
          access.map((d) => decodeDocument(accessLogEntrySchema, d, 'accessLog')),
          (e) => e.at,
        ),
      };
    });
  }

  async deleteLearner(learnerId: string): Promise<void> {
    await this.database.run(`delete the notes of learner ${learnerId}`, async () => {
      await Promise.all(
        (['notes', 'advisorRequests', 'learnerReplies', 'accessLog'] as const).map((name) => this.of(name).deleteMany({ learnerId })),
      );
    });
  }

  private of(name: 'notes' | 'advisorRequests' | 'learnerReplies' | 'accessLog') {
    return this.database.collection<Doc>(name);
  }
}

function byTime<T>(records: T[], timeOf: (record: T) => string): T[] {
  return records.sort((a, b) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0));
}
