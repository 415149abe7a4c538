import { randomUUID } from 'node:crypto';
import { type Collection, type Db, MongoClient, type ObjectId } from 'mongodb';
import type { z } from 'zod';
import {
  IdentityTakenError,
  type LearnerExport,
  type LinkCode,
  type OrganisationRecord,
  type SaveResult,
  type Store,
  type StoreHealth,
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
import { type LearnerProfile, learnerProfileSchema } from '../learnerProfile';
import { linkCodeSchema } from '../linkCodeSchema';
import { missingFromLog } from '../pendingAnswers';
import { organisationSchema } from '../../../bot/organisations/organisation';
import { validateRecord } from '../validateRecord';
import { databaseNameFromUri } from './databaseNameFromUri';
import { type IdentityClaim, identityClaimSchema } from './identityClaim';
import { ensureMongoCollections, MONGO_COLLECTIONS } from './mongoCollections';
import { isDuplicateKeyError } from './mongoErrors';
import { MongoTurnResults, type MongoTurnResultsOptions, type TurnResultDocument } from './mongoTurnResults';
import type { TurnResults } from '../../../bot/ports/turnResults';
import { MonitorWatchdog } from './monitorWatchdog';
import { withinOperationDeadline } from './withDeadline';

/** How to reach MongoDB. */
export interface MongoStoreOptions {
  /** mongodb:// or mongodb+srv:// connection string; a database in its path wins over `dbName`. */
  readonly uri: string;
  /** Database when the URI names none (default "social_venture_coach"). */
  readonly dbName?: string;
  /**
   * The longest any operation may take, in milliseconds, before it fails with StoreUnavailableError (default 4000):
   * waiting for a usable server, connecting, and waiting for the server's answer are each bounded by it, and so is the
   * whole operation. Keep it below the channel's own deadline (Teams gives up after about 15 s).
   */
  readonly operationTimeoutMS?: number;
  /** How long an operation waits for a usable server (default: operationTimeoutMS). */
  readonly serverSelectionTimeoutMS?: number;
  /** Longest wait of health() before it reports down (default 2000). */
  readonly healthTimeoutMS?: number;
  /** Called with every command sent to the server (for counting round trips and checking what they ask). */
  readonly onCommand?: (commandName: string, command: Readonly<Record<string, unknown>>) => void;
  /** Told when the store replaces the driver's connections because its server monitor stopped (see MonitorWatchdog). */
  readonly onReconnect?: (reason: string) => void;
}

export const DEFAULT_DATABASE = 'social_venture_coach';
export const DEFAULT_OPERATION_TIMEOUT_MS = 4000;

type LearnerDocument = LearnerRecord & { _id: string };
type ClaimDocument = IdentityClaim & { _id: string };
type ProgressDocument = ProgressRecord & { _id: string };
type AnswerDocument = AnswerRecord & { _id?: ObjectId };
type LinkCodeDocument = { _id: string; learnerId: string; organisationId?: string; expiresAt: Date };
type OrganisationDocument = OrganisationRecord & { _id: string };
type ClaimWithLearner = ClaimDocument & { learner: LearnerDocument[] };

// A claim pointing to a learner that no longer exists is cleared and retried; more rounds than this means churn.
const MAX_IDENTITY_ATTEMPTS = 3;

/**
 * The Store on MongoDB (replica set, Atlas, Azure Cosmos DB for MongoDB), with the official driver.
 *
 * open() never fails because the server is down: the first connection and the indexes are retried before each
 * operation until they succeed, and after that the driver itself reconnects (and where its server monitor stops, the
 * store closes the driver's connections and connects afresh: MonitorWatchdog). A turn costs one read (loadProgress),
 * one conditional write (saveProgress) and one insert (appendAnswer). Only operators that MongoDB-compatible test
 * servers and Cosmos DB support are used: $set, $unset, $addToSet, $lookup, plain inserts, replaces and deletes.
 */
export class MongoStore implements Store {
  private connected = false;
  private connecting: Promise<void> | null = null;
  private collectionsReady = false;
  private ensuringCollections: Promise<void> | null = null;
  private reconnecting: Promise<void> | null = null;
  private watchdog: MonitorWatchdog | null = null;

  private constructor(
    private readonly client: MongoClient,
    /** The database, shared with the advisor side's collections (see bot/openStore.ts). */
    readonly db: Db,
    private readonly healthTimeoutMS: number,
    /** The deadline of every operation (MONGODB_TIMEOUT_MS); other stores on the same database keep it too. */
    readonly operationTimeoutMS: number,
  ) {}

  static async open(options: MongoStoreOptions): Promise<MongoStore> {
    const operationTimeoutMS = options.operationTimeoutMS ?? DEFAULT_OPERATION_TIMEOUT_MS;
    // A timeout given in the connection string wins over these.
    const unlessInUri = (name: string, value: number) => (new RegExp(`[?&]${name}=`, 'i').test(options.uri) ? {} : { [name]: value });
    const client = new MongoClient(options.uri, {
      appName: 'social-venture-coach',
      ...(options.serverSelectionTimeoutMS !== undefined
        ? { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }
        : unlessInUri('serverSelectionTimeoutMS', operationTimeoutMS)),
      // A server that accepts connections and then stays silent: a new connection's handshake, and a command's answer
      // on an open one, are waited for this long at most, then the connection is closed.
      ...unlessInUri('connectTimeoutMS', operationTimeoutMS),
      ...unlessInUri('socketTimeoutMS', operationTimeoutMS),
      // Stored documents must round-trip like JSON: an undefined field is left out, not stored as null.
      ignoreUndefined: true,
      monitorCommands: options.onCommand !== undefined,
    });
    if (options.onCommand) {
      const onCommand = options.onCommand;
      client.on('commandStarted', (event) => onCommand(event.commandName, event.command as Record<string, unknown>));
    }
    const dbName = databaseNameFromUri(options.uri) ?? options.dbName ?? DEFAULT_DATABASE;
    const store = new MongoStore(client, client.db(dbName), options.healthTimeoutMS ?? 2000, operationTimeoutMS);
    store.watchdog = new MonitorWatchdog(client, {
      connectTimeoutMS: client.options.connectTimeoutMS,
      heartbeatFrequencyMS: client.options.heartbeatFrequencyMS,
      onStuck: (reason) => store.reconnect(reason, options.onReconnect),
    });
    // Down now is fine: the bot starts, reports down, and the next operation tries again.
    await store.ready().catch(() => undefined);
    return store;
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
    return this.guard(`resolve the learner of ${key}`, async () => {
      for (let attempt = 0; attempt < MAX_IDENTITY_ATTEMPTS; attempt += 1) {
        const claim = await this.findClaim(key);
        if (claim?.learner) return claim.learner;
        const moved = claim ? null : await this.moveLegacyIdentity(checked, organisationId);
        if (moved) return moved;
        if (claim) await this.identities.deleteOne({ _id: key, learnerId: claim.learnerId });
        // The learner first: a claim then always points to a learner that exists.
        await this.learners.insertOne({ _id: candidate.id, ...candidate });
        try {
          await this.identities.insertOne({ _id: key, schemaVersion: RECORD_SCHEMA_VERSION, learnerId: candidate.id, createdAt: now });
          return candidate;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          await this.learners.deleteOne({ _id: candidate.id });
        }
      }
      throw new StoreUnavailableError(`the owner of identity ${key} kept changing; try again`);
    });
  }

  async findLearner(identity: Identity, organisationId: string): Promise<LearnerRecord | null> {
    const checked = validateRecord(identitySchema, identity, 'identity');
    const key = identityKey(checked, organisationId);
    return this.guard(`find the learner of ${key}`, async () => {
      const claim = await this.findClaim(key);
      return claim ? claim.learner : this.moveLegacyIdentity(checked, organisationId);
    });
  }

  async getLearner(learnerId: string): Promise<LearnerRecord | null> {
    return this.guard(`read learner ${learnerId}`, () => this.readLearner(learnerId));
  }

  async updateLearnerProfile(learnerId: string, profile: LearnerProfile): Promise<void> {
    const checked = validateRecord(learnerProfileSchema, profile, 'learner profile');
    const set: Record<string, unknown> = { updatedAt: new Date().toISOString() };
    const unset: Record<string, ''> = {};
    for (const field of ['locale', 'displayName', 'ventureName', 'consentedAt', 'sharesWithAdvisors'] as const) {
      if (checked[field] === undefined) unset[field] = '';
      else set[field] = checked[field];
    }
    await this.guard(`update learner ${learnerId}`, async () => {
      const update = Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
      const result = await this.learners.updateOne({ _id: learnerId }, update);
      if (result.matchedCount === 0) throw noLearner(learnerId);
    });
  }

  async linkIdentity(learnerId: string, identity: Identity): Promise<void> {
    const checked = validateRecord(identitySchema, identity, 'identity');
    await this.guard(`link an identity to learner ${learnerId}`, async () => {
      const learner = await this.readLearner(learnerId);
      if (!learner) throw noLearner(learnerId);
      const key = identityKey(checked, learner.organisationId);
      await this.claimIdentity(key, learnerId);
      if (learner.identities.some((known) => identityKey(known, learner.organisationId) === key)) return;
      const result = await this.learners.updateOne(
        { _id: learnerId },
        { $addToSet: { identities: checked }, $set: { updatedAt: new Date().toISOString() } },
      );
      if (result.matchedCount === 0) {
        await this.identities.deleteOne({ _id: key, learnerId });
        throw noLearner(learnerId);
      }
    });
  }

  async saveLinkCode(code: LinkCode): Promise<void> {
    const checked = validateRecord(linkCodeSchema, code, 'link code');
    await this.guard(`save a link code of learner ${checked.learnerId}`, async () => {
      await this.linkCodes.insertOne({
        _id: checked.codeHash,
        learnerId: checked.learnerId,
        organisationId: checked.organisationId,
        expiresAt: new Date(checked.expiresAt),
      });
    });
  }

  /** Find, then delete by id: only the caller whose delete removed the document may use the code. */
  async redeemLinkCode(codeHash: string, organisationId: string, now: Date): Promise<string | null> {
    return this.guard('redeem a link code', async () => {
      const code = await this.linkCodes.findOne({ _id: codeHash });
      if (!code || code.organisationId !== organisationId) return null;
      const { deletedCount } = await this.linkCodes.deleteOne({ _id: codeHash });
      return deletedCount === 1 && new Date(code.expiresAt).getTime() > now.getTime() ? code.learnerId : null;
    });
  }

  async saveOrganisations(organisations: readonly OrganisationRecord[]): Promise<void> {
    const checked = organisations.map((organisation) => validateRecord(organisationSchema, organisation, 'organisation'));
    await this.guard('save the organisations', async () => {
      for (const organisation of checked) await this.organisations.replaceOne({ _id: organisation.id }, { ...organisation }, { upsert: true });
    });
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    return this.guard('list the organisations', async () => {
      const documents = await this.organisations.find({}).toArray();
      return documents
        .map(({ _id, ...rest }) => {
          const parsed = organisationSchema.safeParse(rest);
          if (!parsed.success) throw new StoreUnavailableError(`organisations document ${_id} is not a stored organisation`);
          return parsed.data;
        })
        .sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  async loadProgress(learnerId: string): Promise<ProgressRecord | null> {
    return this.guard(`read the progress of learner ${learnerId}`, async () => {
      const document = await this.progress.findOne({ _id: learnerId });
      return document ? decode(progressRecordSchema, document, `progress document ${learnerId}`) : null;
    });
  }

  async saveProgress(record: ProgressRecord, expectedVersion: number | null): Promise<SaveResult> {
    const checked = validateRecord(progressRecordSchema, record, 'progress record');
    assertNextVersion(checked, expectedVersion);
    return this.guard(`save the progress of learner ${checked.learnerId}`, async () => {
      if (expectedVersion === null) {
        try {
          await this.progress.insertOne({ _id: checked.learnerId, ...checked });
          return 'saved';
        } catch (error) {
          if (isDuplicateKeyError(error)) return 'conflict';
          throw error;
        }
      }
      // A whole-document replace, so a field a newer record leaves out does not linger.
      const result = await this.progress.replaceOne({ _id: checked.learnerId, version: expectedVersion }, checked);
      return result.matchedCount === 1 ? 'saved' : 'conflict';
    });
  }

  async appendAnswer(record: AnswerRecord): Promise<'recorded' | 'duplicate'> {
    const checked = validateRecord(answerRecordSchema, record, 'answer record');
    return this.guard(`record an answer of learner ${checked.learnerId}`, async () => {
      try {
        await this.answers.insertOne({ ...checked });
        return 'recorded';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
    });
  }

  async listAnswers(learnerId: string): Promise<AnswerRecord[]> {
    return this.guard(`read the answers of learner ${learnerId}`, async () => {
      const progressDocument = await this.progress.findOne({ _id: learnerId });
      const progress = progressDocument ? decode(progressRecordSchema, progressDocument, `progress document ${learnerId}`) : null;
      return this.readAnswers(learnerId, progress);
    });
  }

  async exportLearner(learnerId: string): Promise<LearnerExport | null> {
    return this.guard(`export learner ${learnerId}`, async () => {
      const [learner, progressDocument] = await Promise.all([this.readLearner(learnerId), this.progress.findOne({ _id: learnerId })]);
      if (!learner) return null;
      const progress = progressDocument ? decode(progressRecordSchema, progressDocument, `progress document ${learnerId}`) : null;
      return { learner, progress, answers: await this.readAnswers(learnerId, progress) };
    });
  }

  async deleteLearner(learnerId: string): Promise<void> {
    await this.guard(`delete learner ${learnerId}`, async () => {
      await Promise.all([
        this.progress.deleteOne({ _id: learnerId }),
        this.answers.deleteMany({ learnerId }),
        this.collection(MONGO_COLLECTIONS.notes).deleteMany({ learnerId }),
        this.collection(MONGO_COLLECTIONS.conversationReferences).deleteMany({ learnerId }),
        this.identities.deleteMany({ learnerId }),
        this.linkCodes.deleteMany({ learnerId }),
      ]);
      // The learner last, so a delete interrupted half-way can simply be repeated.
      await this.learners.deleteOne({ _id: learnerId });
    });
  }

  /** Pings the server; reports down (never throws) when it does not answer within healthTimeoutMS. */
  turnResults(options?: MongoTurnResultsOptions): TurnResults {
    return new MongoTurnResults(
      () => this.db.collection<TurnResultDocument>(MONGO_COLLECTIONS.turnResults),
      (operation, task) => this.guard(operation, task),
      options,
    );
  }

  async health(): Promise<StoreHealth> {
    const ping = (async () => {
      await this.connect();
      await this.db.command({ ping: 1 });
    })();
    ping.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.healthTimeoutMS} ms`)), this.healthTimeoutMS);
    });
    try {
      await Promise.race([ping, timeout]);
      const detail = this.collectionsReady ? `database ${this.db.databaseName}` : `database ${this.db.databaseName}; indexes not yet ensured`;
      return { ok: true, kind: 'mongodb', detail };
    } catch (error) {
      return { ok: false, kind: 'mongodb', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.watchdog?.stop();
    await this.reconnecting;
    await this.client.close();
  }

  /**
   * Closes the driver's topology (its monitors and pools) so that the next operation connects afresh. Operations in
   * flight fail and are answered as the store being unavailable; the Db and collection handles stay valid.
   */
  private reconnect(reason: string, onReconnect?: (reason: string) => void): void {
    if (this.reconnecting) return;
    onReconnect?.(reason);
    this.reconnecting = (async () => {
      this.connected = false;
      await this.client.close().catch(() => undefined);
    })().finally(() => {
      this.reconnecting = null;
    });
  }

  /** The connected database, for collections kept beside the Store's on the same connection (the web channel's). */
  async database(): Promise<Db> {
    await this.ready();
    return this.db;
  }

  private get learners(): Collection<LearnerDocument> {
    return this.db.collection<LearnerDocument>(MONGO_COLLECTIONS.learners);
  }

  private get identities(): Collection<ClaimDocument> {
    return this.db.collection<ClaimDocument>(MONGO_COLLECTIONS.identities);
  }

  private get progress(): Collection<ProgressDocument> {
    return this.db.collection<ProgressDocument>(MONGO_COLLECTIONS.progress);
  }

  private get answers(): Collection<AnswerDocument> {
    return this.db.collection<AnswerDocument>(MONGO_COLLECTIONS.answers);
  }

  private get organisations(): Collection<OrganisationDocument> {
    return this.db.collection<OrganisationDocument>(MONGO_COLLECTIONS.organisations);
  }

  private get linkCodes(): Collection<LinkCodeDocument> {
    return this.db.collection<LinkCodeDocument>(MONGO_COLLECTIONS.linkCodes);
  }

  private collection(name: string): Collection<{ learnerId: string }> {
    return this.db.collection<{ learnerId: string }>(name);
  }

  /** The claim on an identity with its learner, in one round trip; `learner` is null when the claim dangles. */
  private async findClaim(key: string): Promise<(IdentityClaim & { learner: LearnerRecord | null }) | null> {
    const [document] = await this.identities
      .aggregate<ClaimWithLearner>([
        { $match: { _id: key } },
        { $limit: 1 },
        { $lookup: { from: MONGO_COLLECTIONS.learners, localField: 'learnerId', foreignField: '_id', as: 'learner' } },
      ])
      .toArray();
    if (!document) return null;
    const { learner: found, ...claimDocument } = document;
    const claim = decode(identityClaimSchema, claimDocument, `identities document ${key}`);
    const learnerDocument = found[0];
    const learner = learnerDocument ? decode(learnerRecordSchema, learnerDocument, `learners document ${claim.learnerId}`) : null;
    return { ...claim, learner };
  }

  /**
   * An identity stored before identities were scoped by organisation: moved to its scoped key, with its learner, when
   * that learner belongs to this organisation (or to the legacy one); null otherwise.
   */
  private async moveLegacyIdentity(identity: Identity, organisationId: string): Promise<LearnerRecord | null> {
    const legacyKey = legacyIdentityKey(identity);
    const legacy = await this.findClaim(legacyKey);
    const learner = legacy?.learner;
    if (!learner || (learner.organisationId !== organisationId && learner.organisationId !== LEGACY_ORGANISATION)) return null;
    await this.claimIdentity(identityKey(identity, organisationId), learner.id);
    const updatedAt = new Date().toISOString();
    await this.learners.updateOne({ _id: learner.id }, { $set: { organisationId, updatedAt } });
    await this.identities.deleteOne({ _id: legacyKey, learnerId: learner.id });
    return { ...learner, organisationId, updatedAt };
  }

  /** Makes `learnerId` the owner of the identity, unless another existing learner owns it. */
  private async claimIdentity(key: string, learnerId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_IDENTITY_ATTEMPTS; attempt += 1) {
      try {
        await this.identities.insertOne({ _id: key, schemaVersion: RECORD_SCHEMA_VERSION, learnerId, createdAt: new Date().toISOString() });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const claim = await this.findClaim(key);
      if (claim?.learnerId === learnerId) return;
      if (claim?.learner) throw new IdentityTakenError(`identity ${key} already belongs to another learner`);
      if (claim) await this.identities.deleteOne({ _id: key, learnerId: claim.learnerId });
    }
    throw new StoreUnavailableError(`the owner of identity ${key} kept changing; try again`);
  }

  private async readLearner(learnerId: string): Promise<LearnerRecord | null> {
    const document = await this.learners.findOne({ _id: learnerId });
    return document ? decode(learnerRecordSchema, document, `learners document ${learnerId}`) : null;
  }

  /**
   * The learner's answers: the log, plus what the progress document's outbox holds that the log lacks (committed by a
   * turn whose append never happened), which is appended to the log first.
   */
  private async readAnswers(learnerId: string, progress: ProgressRecord | null): Promise<AnswerRecord[]> {
    const documents = await this.answers.find({ learnerId }).toArray();
    // Sorted here rather than by the server: Cosmos DB needs a matching compound index for a multi-field sort.
    documents.sort((a, b) => compare(a.at, b.at) || compare(String(a._id), String(b._id)));
    const logged = documents.map((document) => decode(answerRecordSchema, document, `answers document ${String(document._id)}`));
    const missing = missingFromLog(logged, progress?.pendingAnswers);
    for (const record of missing) {
      await this.answers.insertOne({ ...record }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
    }
    return missing.length === 0 ? logged : [...logged, ...missing].sort((a, b) => compare(a.at, b.at));
  }

  /** Connects (first time only) and ensures collections and indexes (until that has succeeded once). */
  private async ready(): Promise<void> {
    await this.connect();
    if (this.collectionsReady) return;
    this.ensuringCollections ??= ensureMongoCollections(this.db)
      .then(() => {
        this.collectionsReady = true;
      })
      .finally(() => {
        this.ensuringCollections = null;
      });
    await this.ensuringCollections;
  }

  // The driver closes its topology after a failed first connect and then fails every operation with "Topology is
  // closed"; an explicit connect() until one succeeds avoids that. After that the driver reconnects on its own.
  private async connect(): Promise<void> {
    if (this.reconnecting) await this.reconnecting;
    if (this.connected) return;
    this.connecting ??= this.client
      .connect()
      .then(() => {
        this.connected = true;
      })
      .finally(() => {
        this.connecting = null;
      });
    await this.connecting;
  }

  /**
   * Runs one operation within operationTimeoutMS, or what is left of the request's budget (whatever the driver's
   * retries do); every failure that is not already a port error becomes a StoreUnavailableError.
   */
  private async guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    try {
      return await withinOperationDeadline(this.operationTimeoutMS, async () => {
        await this.ready();
        return task();
      });
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof IdentityTakenError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreUnavailableError(`MongoDB store could not ${operation}: ${reason}`, { cause: error });
    }
  }
}

/** Drops Mongo's `_id` and decodes the rest as the record. */
function decode<S extends z.ZodType>(schema: S, document: { _id?: unknown }, source: string): z.output<S> {
  const { _id, ...rest } = document;
  return decodeRecord(schema, rest, source);
}

function noLearner(learnerId: string): StoreUnavailableError {
  return new StoreUnavailableError(`there is no learner with id ${learnerId}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
