import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { access, constants, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  IdentityTakenError,
  type LearnerExport,
  type LinkCode,
  type OrganisationRecord,
  type SaveResult,
  type Store,
  type StoreHealth,
  StoreInUseError,
  StoreUnavailableError,
} from '../../../bot/ports/store';
import {
  type AnswerRecord,
  answerRecordSchema,
  type Identity,
  identityKey,
  identitySchema,
  LEGACY_ORGANISATION,
  legacyIdentityKey,
  type LearnerRecord,
  learnerRecordSchema,
  type ProgressRecord,
  progressRecordSchema,
  RECORD_SCHEMA_VERSION,
} from '../../../bot/records';
import { assertNextVersion } from '../assertNextVersion';
import { decodeRecord } from '../decodeRecord';
import { learnerProfileSchema, type LearnerProfile } from '../learnerProfile';
import { linkCodeSchema } from '../linkCodeSchema';
import { missingFromLog } from '../pendingAnswers';
import { organisationSchema } from '../../../bot/organisations/organisation';
import { validateRecord } from '../validateRecord';
import { TEMP_FILE_PATTERN } from './atomicWriteFile';
import { DataDirLock } from './dataDirLock';
import { DocumentCache } from './documentCache';
import { FILE_STORE_FOLDERS, FileLayout } from './fileLayout';
import type { FileReadObserver } from './fileReadObserver';
import { type IdentityEntry, identityEntrySchema } from './identityEntry';
import { JsonLinesFile, type JsonLinesContent } from './jsonLinesFile';
import { KeyedMutex } from './keyedMutex';
import { type OwnedEntry, ownedEntrySchema } from './ownedEntry';
import { readJsonFile } from './readJsonFile';
import { FileTurnResults, type FileTurnResultsOptions } from './fileTurnResults';
import type { TurnResults } from '../../../bot/ports/turnResults';
import { syncDirectory } from './syncDirectory';
import { upgradeDataFolder } from './upgradeDataFolder';
import { WriteAheadLog, type WriteAheadLogOptions } from './writeAheadLog';

export interface FileStoreOptions {
  /** Told about every file read and folder listing (tests count them); a document served from memory is not read. */
  readonly onRead?: FileReadObserver;
  /** When logged changes are applied to their files (tests make it short or long). */
  readonly checkpoint?: Pick<WriteAheadLogOptions, 'checkpointDelayMs' | 'checkpointBytes'>;
}

/** Learner, identity and progress documents kept in memory (a few MB): several times the learners answering at once. */
const CACHED_DOCUMENTS = 1_000;
/** Answer logs whose activity ids are kept in memory (to refuse a duplicate without reading the log). */
const CACHED_ANSWER_LOGS = 500;

/** What the store remembers of a learner's answer log: where its complete lines end, and the activities it holds. */
interface AnswerLogState {
  readonly content: JsonLinesContent;
  readonly activityIds: ReadonlySet<string>;
}

/**
 * The embedded default Store: JSON files in a data folder, for one bot process (no database needed).
 *
 * A change to a document is durable once the write-ahead log holds it (WriteAheadLog: one append and fdatasync shared by
 * the changes that arrive together), and reaches the document's own file at the next checkpoint, replaced atomically
 * (temp file, fsync, rename, fsync folder); until then it is read from the log's memory. Answers are one append-only JSON Lines
 * file per learner rather than one file per answer: it keeps them in append order and in one read, and a torn last
 * line from a crash is ignored. Compare-and-set and find-or-create are made atomic by an in-process keyed mutex, and
 * a lock file (DataDirLock) keeps a second process out of the folder. Locks are always taken in the order
 * learner → progress → answers → identity → link code, so they cannot deadlock.
 *
 * Every look-up reads files named by its key (identity → learner: identities/; learner → identities: the learner
 * file; learner → link codes: owned/; code → link code: links/), so no operation's cost grows with the number of
 * learners. Documents read or written recently are served from memory (DocumentCache: bounded, and coherent because
 * this process is the folder's only writer), so a turn reads no file it wrote or read a moment ago.
 */
export class FileStore implements Store {
  private readonly layout: FileLayout;
  private readonly locks = new KeyedMutex();
  private deliveries: FileTurnResults | undefined;
  /** Every TurnResults made, closed with the store (they keep conversation files open). */
  private readonly openTurnResults: FileTurnResults[] = [];
  private readonly documents = new DocumentCache<unknown>(CACHED_DOCUMENTS);
  private readonly answerLogs = new DocumentCache<AnswerLogState>(CACHED_ANSWER_LOGS);
  private lock: DataDirLock | undefined;
  private writeAheadLog: WriteAheadLog | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly dataDir: string,
    private readonly options: FileStoreOptions,
  ) {
    this.layout = new FileLayout(dataDir);
  }

  /**
   * Creates the data folder and its sub-folders, takes the folder's lock (StoreInUseError when another process holds
   * it), clears temporary files a crashed write left behind, applies what the write-ahead log holds and gives a folder of
   * an older release its indexes.
   */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(dataDir, options);
    await store.guard(`open the data folder ${dataDir}`, async () => {
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      store.lock = await DataDirLock.acquire(dataDir);
      try {
        for (const name of FILE_STORE_FOLDERS) await mkdir(store.layout.folder(name), { recursive: true, mode: 0o700 });
        const temporaryDir = store.layout.temporaryDir;
        await Promise.all((await readdir(temporaryDir)).map((file) => rm(join(temporaryDir, file), { force: true })));
        store.writeAheadLog = await WriteAheadLog.open(dataDir, { ...options.checkpoint, temporaryDir });
        await upgradeDataFolder(store.layout);
      } catch (error) {
        await store.writeAheadLog?.close().catch(() => undefined);
        await store.lock.release();
        throw error;
      }
    });
    return store;
  }

  /** The data folder's write-ahead log, which the other file stores of the folder write their hot documents through. */
  get log(): WriteAheadLog {
    if (!this.writeAheadLog) throw new Error('the file store is not open');
    return this.writeAheadLog;
  }

  async resolveLearner(identity: Identity, organisationId: string): Promise<LearnerRecord> {
    const checked = validateRecord(identitySchema, identity, 'identity');
    const key = identityKey(checked, organisationId);
    const now = new Date().toISOString();
    const candidate = validateRecord(
      learnerRecordSchema,
      { schemaVersion: RECORD_SCHEMA_VERSION, id: randomUUID(), organisationId, identities: [checked], createdAt: now, updatedAt: now },
      'learner',
    );
    return this.guard(`resolve the learner of ${key}`, () =>
      this.locks.runExclusive(identityLock(key), async () => {
        const existing = await this.ownerOf(checked, organisationId);
        if (existing) return existing;
        // The learner file first: an identity entry then always points to a learner that exists.
        await this.writeRecord(this.layout.learnerFile(candidate.id), candidate);
        await this.writeIdentityEntry(key, candidate.id);
        return candidate;
      }),
    );
  }

  async findLearner(identity: Identity, organisationId: string): Promise<LearnerRecord | null> {
    const checked = validateRecord(identitySchema, identity, 'identity');
    const key = identityKey(checked, organisationId);
    return this.guard(`find the learner of ${key}`, () => this.locks.runExclusive(identityLock(key), () => this.ownerOf(checked, organisationId)));
  }

  async getLearner(learnerId: string): Promise<LearnerRecord | null> {
    return this.guard(`read learner ${learnerId}`, () => this.readLearner(learnerId));
  }

  async updateLearnerProfile(learnerId: string, profile: LearnerProfile): Promise<void> {
    const checked = validateRecord(learnerProfileSchema, profile, 'learner profile');
    await this.guard(`update learner ${learnerId}`, () =>
      this.locks.runExclusive(learnerLock(learnerId), async () => {
        const learner = await this.requireLearner(learnerId);
        const { locale: _l, displayName: _d, ventureName: _v, consentedAt: _c, sharesWithAdvisors: _s, ...kept } = learner;
        const updated = validateRecord(learnerRecordSchema, { ...kept, ...checked, updatedAt: new Date().toISOString() }, 'learner');
        await this.writeRecord(this.layout.learnerFile(learnerId), updated);
      }),
    );
  }

  async linkIdentity(learnerId: string, identity: Identity): Promise<void> {
    const checked = validateRecord(identitySchema, identity, 'identity');
    await this.guard(`link an identity to learner ${learnerId}`, () =>
      this.locks.runExclusive(learnerLock(learnerId), async () => {
        const learner = await this.requireLearner(learnerId);
        const key = identityKey(checked, learner.organisationId);
        await this.locks.runExclusive(identityLock(key), async () => {
          const owner = await this.readIdentityEntry(key);
          if (owner && owner.learnerId !== learnerId && (await this.readLearner(owner.learnerId))) {
            throw new IdentityTakenError(`identity ${key} already belongs to another learner`);
          }
          // The learner file first, so it lists every identity that points to the learner ("delete my data" reads it);
          // if the process dies before the identity entry is written, linking again completes it.
          if (!learner.identities.some((known) => identityKey(known, learner.organisationId) === key)) {
            const updated = { ...learner, identities: [...learner.identities, checked], updatedAt: new Date().toISOString() };
            await this.writeRecord(this.layout.learnerFile(learnerId), updated);
          }
          if (owner?.learnerId !== learnerId) await this.writeIdentityEntry(key, learnerId);
        });
      }),
    );
  }

  async saveLinkCode(code: LinkCode): Promise<void> {
    const checked = validateRecord(linkCodeSchema, code, 'link code');
    await this.guard(`save a link code of learner ${checked.learnerId}`, () =>
      this.locks.runExclusive(learnerLock(checked.learnerId), async () => {
        // Recorded as the learner's before the code exists, so deleting the learner finds it.
        await this.recordOwned(checked.learnerId, { linkCode: checked.codeHash });
        await this.writeJson(this.layout.linkCodeFile(checked.codeHash), checked);
      }),
    );
  }

  async redeemLinkCode(codeHash: string, organisationId: string, now: Date): Promise<string | null> {
    const file = this.layout.linkCodeFile(codeHash);
    return this.guard('redeem a link code', () =>
      this.locks.runExclusive(linkLock(codeHash), async () => {
        const code = linkCodeSchema.safeParse(await this.readJson(file));
        if (code.success && code.data.organisationId !== organisationId) return null;
        await this.remove(file);
        return code.success && Date.parse(code.data.expiresAt) > now.getTime() ? code.data.learnerId : null;
      }),
    );
  }

  async saveOrganisations(organisations: readonly OrganisationRecord[]): Promise<void> {
    const checked = organisations.map((organisation) => validateRecord(organisationSchema, organisation, 'organisation'));
    await this.guard('save the organisations', async () => {
      for (const organisation of checked) await this.writeJson(this.layout.organisationFile(organisation.id), organisation);
      // The organisations are listed from their folder, so their files are written now.
      await this.log.checkpoint();
    });
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    return this.guard('list the organisations', async () => {
      const folder = this.layout.folder('organisations');
      const listed = await readdir(folder);
      this.options.onRead?.({ kind: 'folder', path: folder, entries: listed.length });
      const files = listed.filter((file) => file.endsWith('.json') && !TEMP_FILE_PATTERN.test(file));
      const organisations = await Promise.all(
        files.map(async (file) => decodeOrganisation(await this.readJson(join(folder, file)), join(folder, file))),
      );
      return organisations.sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  async loadProgress(learnerId: string): Promise<ProgressRecord | null> {
    return this.guard(`read the progress of learner ${learnerId}`, () => this.readProgress(learnerId));
  }

  async saveProgress(record: ProgressRecord, expectedVersion: number | null): Promise<SaveResult> {
    const checked = validateRecord(progressRecordSchema, record, 'progress record');
    assertNextVersion(checked, expectedVersion);
    return this.guard(`save the progress of learner ${checked.learnerId}`, () =>
      this.locks.runExclusive(progressLock(checked.learnerId), async () => {
        const current = await this.readProgress(checked.learnerId);
        if ((current?.version ?? null) !== expectedVersion) return 'conflict';
        await this.writeRecord(this.layout.progressFile(checked.learnerId), checked);
        return 'saved';
      }),
    );
  }

  async appendAnswer(record: AnswerRecord): Promise<'recorded' | 'duplicate'> {
    const checked = validateRecord(answerRecordSchema, record, 'answer record');
    return this.guard(`record an answer of learner ${checked.learnerId}`, () =>
      this.locks.runExclusive(answersLock(checked.learnerId), async () => {
        const file = new JsonLinesFile(this.layout.answersFile(checked.learnerId));
        const log = await this.answerLog(file);
        if (log.activityIds.has(checked.activityId)) return 'duplicate';
        this.answerLogs.invalidate(file.path);
        const written = await file.append(checked, log.content);
        this.answerLogs.set(file.path, { content: written, activityIds: new Set([...log.activityIds, checked.activityId]) });
        return 'recorded';
      }),
    );
  }

  async listAnswers(learnerId: string): Promise<AnswerRecord[]> {
    return this.guard(`read the answers of learner ${learnerId}`, () => this.readCompleteAnswers(learnerId));
  }

  async exportLearner(learnerId: string): Promise<LearnerExport | null> {
    return this.guard(`export learner ${learnerId}`, async () => {
      const learner = await this.readLearner(learnerId);
      if (!learner) return null;
      const [progress, answers] = await Promise.all([this.readProgress(learnerId), this.readCompleteAnswers(learnerId)]);
      return { learner, progress, answers };
    });
  }

  /**
   * Reads only what the learner owns: the learner file (its identities) and its owned-records index (its link codes,
   * identities a crash left unlisted), then removes each, the learner file last so an interrupted delete can simply be
   * repeated.
   */
  async deleteLearner(learnerId: string): Promise<void> {
    await this.guard(`delete learner ${learnerId}`, () =>
      this.locks.runExclusive(learnerLock(learnerId), () =>
        this.locks.runExclusive(progressLock(learnerId), () =>
          this.locks.runExclusive(answersLock(learnerId), async () => {
            const learner = await this.readLearner(learnerId);
            const owned = await this.readOwned(learnerId);
            await this.remove(this.layout.progressFile(learnerId));
            this.answerLogs.invalidate(this.layout.answersFile(learnerId));
            await removeFile(this.layout.answersFile(learnerId));
            const identityKeys = new Set(owned.flatMap((entry) => ('identityKey' in entry ? [entry.identityKey] : [])));
            for (const identity of learner?.identities ?? []) {
              identityKeys.add(identityKey(identity, learner!.organisationId));
              identityKeys.add(legacyIdentityKey(identity));
            }
            for (const key of identityKeys) await this.removeIdentityEntryOf(key, learnerId);
            for (const entry of owned) if ('linkCode' in entry) await this.removeLinkCodeOf(entry.linkCode, learnerId);
            await removeFile(this.layout.ownedFile(learnerId));
            await this.remove(this.layout.learnerFile(learnerId));
            // Nothing of the learner stays in the log either: it is applied (their files removed) and deleted.
            await this.log.checkpoint();
          }),
        ),
      ),
    );
  }

  /** One record per data folder (its claims are in memory); `options` (tests) make a separate one. */
  turnResults(options?: FileTurnResultsOptions): TurnResults {
    const opened = (made?: FileTurnResultsOptions) => {
      const results = new FileTurnResults(join(this.dataDir, 'turn-results'), made);
      this.openTurnResults.push(results);
      return results;
    };
    if (options) return opened(options);
    this.deliveries ??= opened();
    return this.deliveries;
  }

  async health(): Promise<StoreHealth> {
    try {
      await access(this.dataDir, constants.W_OK);
      for (const name of FILE_STORE_FOLDERS) await access(this.layout.folder(name), constants.W_OK);
      const problem = this.writeAheadLog?.problem;
      if (problem) return { ok: false, kind: 'file', detail: problem };
      return { ok: true, kind: 'file' };
    } catch (error) {
      return { ok: false, kind: 'file', detail: `data folder is not writable (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` };
    }
  }

  /** Waits for writes in progress, applies the log to the files and gives up the data folder (once, however often called). */
  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    await this.locks.idle();
    await Promise.all(this.openTurnResults.map((results) => results.close()));
    try {
      await this.writeAheadLog?.close();
    } finally {
      await this.lock?.release();
    }
  }

  /**
   * The learner who owns the identity in the organisation. An identity stored before identities were scoped by
   * organisation is moved to its scoped key here, together with its learner, when that learner belongs to this
   * organisation (or to the legacy one). Runs under the identity's lock.
   */
  private async ownerOf(identity: Identity, organisationId: string): Promise<LearnerRecord | null> {
    const owner = await this.readIdentityEntry(identityKey(identity, organisationId));
    if (owner) return this.readLearner(owner.learnerId);
    const legacyKey = legacyIdentityKey(identity);
    const legacy = await this.readIdentityEntry(legacyKey);
    const learner = legacy ? await this.readLearner(legacy.learnerId) : null;
    if (!learner || (learner.organisationId !== organisationId && learner.organisationId !== LEGACY_ORGANISATION)) return null;
    const moved = { ...learner, organisationId, updatedAt: new Date().toISOString() };
    await this.writeRecord(this.layout.learnerFile(learner.id), moved);
    await this.writeIdentityEntry(identityKey(identity, organisationId), learner.id);
    await this.remove(this.layout.identityFile(legacyKey));
    return moved;
  }

  private async readLearner(learnerId: string): Promise<LearnerRecord | null> {
    return this.readRecord(this.layout.learnerFile(learnerId), learnerRecordSchema);
  }

  private async requireLearner(learnerId: string): Promise<LearnerRecord> {
    const learner = await this.readLearner(learnerId);
    if (!learner) throw new StoreUnavailableError(`there is no learner with id ${learnerId}`);
    return learner;
  }

  private async readProgress(learnerId: string): Promise<ProgressRecord | null> {
    return this.readRecord(this.layout.progressFile(learnerId), progressRecordSchema);
  }

  /**
   * The learner's answers: the log, plus what the progress document's outbox holds that the log lacks (committed by a
   * turn whose append never happened), which is appended to the log first.
   */
  private async readCompleteAnswers(learnerId: string): Promise<AnswerRecord[]> {
    const progress = await this.readProgress(learnerId);
    return this.locks.runExclusive(answersLock(learnerId), async () => {
      const file = new JsonLinesFile(this.layout.answersFile(learnerId));
      const content = await this.readLines(file);
      const logged = content.values.map((value, index) => decodeRecord(answerRecordSchema, value, `${file.path} line ${index + 1}`));
      const missing = missingFromLog(logged, progress?.pendingAnswers);
      this.answerLogs.invalidate(file.path);
      await file.appendAll(missing, content);
      // Stable: answers with the same time stay in append order.
      return [...logged, ...missing].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    });
  }

  private async readIdentityEntry(key: string): Promise<IdentityEntry | null> {
    return this.readRecord(this.layout.identityFile(key), identityEntrySchema);
  }

  /** A learner, identity or progress document: from memory, or read, decoded and remembered. */
  private async readRecord<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S> | null> {
    const record = await this.documents.read(path, async () => {
      const document = await this.readJson(path);
      return document === null ? null : decodeRecord(schema, document, path);
    });
    return record as z.output<S> | null;
  }

  /** The learner's answer log as far as appending needs it: from memory, or read once. */
  private async answerLog(file: JsonLinesFile): Promise<AnswerLogState> {
    const cached = this.answerLogs.get(file.path);
    if (cached) return cached;
    const content = await this.readLines(file);
    const activityIds = new Set(
      content.values.map((value) => (value as { activityId?: unknown } | null)?.activityId).filter((id) => typeof id === 'string'),
    );
    const state = { content: { ...content, values: [] }, activityIds };
    this.answerLogs.set(file.path, state);
    return state;
  }

  private async writeIdentityEntry(key: string, learnerId: string): Promise<void> {
    const entry: IdentityEntry = { schemaVersion: RECORD_SCHEMA_VERSION, identityKey: key, learnerId };
    await this.writeRecord(this.layout.identityFile(key), entry);
  }

  /** Removes the identity entry if it still points to the learner (someone else may have linked it since). */
  private async removeIdentityEntryOf(key: string, learnerId: string): Promise<void> {
    await this.locks.runExclusive(identityLock(key), async () => {
      if ((await this.readIdentityEntry(key))?.learnerId === learnerId) await this.remove(this.layout.identityFile(key));
    });
  }

  private async removeLinkCodeOf(codeHash: string, learnerId: string): Promise<void> {
    const file = this.layout.linkCodeFile(codeHash);
    await this.locks.runExclusive(linkLock(codeHash), async () => {
      const code = linkCodeSchema.safeParse(await this.readJson(file));
      if (code.success && code.data.learnerId === learnerId) await this.remove(file);
    });
  }

  /** Appends to the learner's owned-records index; runs under the learner's lock. */
  private async recordOwned(learnerId: string, entry: OwnedEntry): Promise<void> {
    const file = new JsonLinesFile(this.layout.ownedFile(learnerId));
    await file.append(entry, await this.readLines(file));
  }

  private async readOwned(learnerId: string): Promise<OwnedEntry[]> {
    const file = new JsonLinesFile(this.layout.ownedFile(learnerId));
    const { values } = await this.readLines(file);
    return values.map((value, index) => decodeRecordLine(ownedEntrySchema, value, `${file.path} line ${index + 1}`));
  }

  /** A document as last written: from the log while its change is not applied yet, else from its file. */
  private async readJson(path: string): Promise<unknown> {
    const logged = this.log.read(path);
    if (logged !== undefined) return logged === null ? null : JSON.parse(logged);
    this.options.onRead?.({ kind: 'file', path });
    return readJsonFile(path);
  }

  private async readLines(file: JsonLinesFile): Promise<JsonLinesContent> {
    this.options.onRead?.({ kind: 'file', path: file.path });
    return file.read();
  }

  /**
   * Replaces a learner, identity or progress document and remembers it as reading it back would give it (a validated
   * record, after the JSON round trip that leaves undefined values out).
   */
  private async writeRecord(path: string, record: unknown): Promise<void> {
    const text = JSON.stringify(record);
    await this.writeText(path, text);
    this.documents.set(path, JSON.parse(text));
  }

  private async writeJson(path: string, document: unknown): Promise<void> {
    await this.writeText(path, JSON.stringify(document));
  }

  /** Replaces a document; its cached copy is dropped, and so is whatever a read overlapping the write saw. */
  private async writeText(path: string, json: string): Promise<void> {
    this.documents.invalidate(path);
    try {
      await this.log.write(path, json);
    } finally {
      this.documents.invalidate(path);
    }
  }

  /** Removes a document (a learner, identity, progress, link code file). */
  private async remove(path: string): Promise<void> {
    this.documents.invalidate(path);
    try {
      await this.log.remove(path);
    } finally {
      this.documents.invalidate(path);
    }
  }

  /** Runs one operation; every failure that is not already a port error becomes a StoreUnavailableError. */
  private async guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof IdentityTakenError || error instanceof StoreInUseError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreUnavailableError(`file store could not ${operation}: ${reason}`, { cause: error });
    }
  }
}

/** Removes a JSON Lines file (an answer log, an owned-records index), which is appended to directly, not logged. */
async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
  await syncDirectory(dirname(path));
}

function decodeRecordLine<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreUnavailableError(`${source} is not a valid entry`);
  return parsed.data;
}

function decodeOrganisation(document: unknown, source: string): OrganisationRecord {
  const parsed = organisationSchema.safeParse(document);
  if (!parsed.success) throw new StoreUnavailableError(`${source} is not a stored organisation`);
  return parsed.data;
}

const learnerLock = (learnerId: string) => `learner:${learnerId}`;
const progressLock = (learnerId: string) => `progress:${learnerId}`;
const answersLock = (learnerId: string) => `answers:${learnerId}`;
const identityLock = (key: string) => `identity:${key}`;
const linkLock = (codeHash: string) => `link:${codeHash}`;
