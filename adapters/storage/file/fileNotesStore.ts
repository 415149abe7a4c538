import { join } from 'node:path';
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
import { guardStore } from '../storeGuard';
import { FileDocuments } from './fileDocuments';
import { KeyedMutex } from './keyedMutex';

/** The NotesStore of the embedded file store: folders notes/, advisor-requests/, learner-replies/ and access-log/. */
export class FileNotesStore implements NotesStore {
  private readonly locks = new KeyedMutex();

  private constructor(
    private readonly notes: FileDocuments<typeof noteRecordSchema>,
    private readonly requests: FileDocuments<typeof advisorRequestSchema>,
    private readonly replies: FileDocuments<typeof learnerReplySchema>,
    private readonly access: FileDocuments<typeof accessLogEntrySchema>,
  ) {}

  static async open(dataDir: string): Promise<FileNotesStore> {
    return guardStore('file store', `open the notes folders in ${dataDir}`, async () => {
      const [notes, requests, replies, access] = await Promise.all([
        FileDocuments.open(join(dataDir, 'notes'), noteRecordSchema, (n) => n.id, 'note'),
        FileDocuments.open(join(dataDir, 'advisor-requests'), advisorRequestSchema, (r) => r.id, 'advisor request'),
        FileDocuments.open(join(dataDir, 'learner-replies'), learnerReplySchema, (r) => r.id, 'learner reply'),
        FileDocuments.open(join(dataDir, 'access-log'), accessLogEntrySchema, (e) => e.id, 'access log entry'),
      ]);
      return new FileNotesStore(notes, requests, replies, access);
    });
  }

  async addNote(note: NoteRecord): Promise<void> {
    await this.guard('add a note', () => this.notes.put(note));
  }

  async getNote(organisationId: string, noteId: string): Promise<NoteRecord | null> {
    const note = this.notes.get(noteId);
    return note?.organisationId === organisationId ? note : null;
  }

  async addRequest(request: AdvisorRequestRecord): Promise<void> {
    await this.guard('add an advisor request', () => this.locks.runExclusive(`requests:${request.learnerId}`, () => this.requests.put(request)));
  }

  async answerRequests(organisationId: string, learnerId: string, noteId: string, at: Date): Promise<void> {
    await this.guard('answer advisor requests', () =>
      this.locks.runExclusive(`requests:${learnerId}`, async () => {
        const open = [...this.requests.values()].filter(
          (r) => r.organisationId === organisationId && r.learnerId === learnerId && r.status === 'open',
        );
        for (const request of open)
          await this.requests.put({ ...request, status: 'answered', answeredAt: at.toISOString(), answeredByNoteId: noteId });
      }),
    );
  }

  async openRequestCounts(organisationId: string, learnerIds?: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const wanted = learnerIds ? new Set(learnerIds) : null;
    const counts = new Map<string, number>();
    for (const request of this.requests.values()) {
      if (request.organisationId !== organisationId || request.status !== 'open' || (wanted && !wanted.has(request.learnerId))) continue;
      counts.set(request.learnerId, (counts.get(request.learnerId) ?? 0) + 1);
    }
    return counts;
  }

  async addReply(reply: LearnerReplyRecord): Promise<void> {
    await this.guard('add a learner reply', () => this.replies.put(reply));
  }

  async threadOf(organisationId: string, learnerId: string): Promise<LearnerThread> {
    const mine = <T extends { organisationId: string; learnerId: string }>(record: T) =>
      record.organisationId === organisationId && record.learnerId === learnerId;
    return {
      notes: byTime([...this.notes.values()].filter(mine), (n) => n.createdAt),
      requests: byTime([...this.requests.values()].filter(mine), (r) => r.createdAt),
      replies: byTime([...this.replies.values()].filter(mine), (r) => r.createdAt),
    };
  }

  async logAccess(entry: AccessLogEntry): Promise<void> {
    await this.guard('log an access', () => this.access.put(entry));
  }

  async accessLogOf(organisationId: string, learnerId: string): Promise<AccessLogEntry[]> {
    return byTime(
      [...this.access.values()].filter((e) => e.organisationId === organisationId && e.learnerId === learnerId),
      (e) => e.at,
    );
  }

  async exportLearner(learnerId: string) {
    const of = <T extends { learnerId: string }>(values: IterableIterator<T>) => [...values].filter((v) => v.learnerId === learnerId);
    return {
      notes: byTime(of(this.notes.values()), (n) => n.createdAt),
      requests: byTime(of(this.requests.values()), (r) => r.createdAt),
      replies: byTime(of(this.replies.values()), (r) => r.createdAt),
      accessLog: byTime(of(this.access.values()), (e) => e.at),
    };
  }

  async deleteLearner(learnerId: string): Promise<void> {
    await this.guard(`delete the notes of learner ${learnerId}`, async () => {
      for (const documents of [this.notes, this.requests, this.replies, this.access] as const) {
        const keys = [...(documents.values() as IterableIterator<{ id: string; learnerId: string }>)]
          .filter((d) => d.learnerId === learnerId)
          .map((d) => d.id);
        for (const key of keys) await documents.remove(key);
      }
    });
  }

  private guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    return guardStore('file store', operation, task);
  }
}

function byTime<T>(records: T[], timeOf: (record: T) => string): T[] {
  return records.sort((a, b) => (timeOf(a) < timeOf(b) ? -1 : timeOf(a) > timeOf(b) ? 1 : 0));
}
