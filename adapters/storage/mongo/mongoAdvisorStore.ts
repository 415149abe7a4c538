import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import {
  type AdvisorRecord,
  advisorRecordSchema,
  type AdvisorSession,
  advisorSessionSchema,
  type OidcLogin,
  oidcLoginSchema,
  type SignInLink,
  signInLinkSchema,
} from '../../../bot/advisors/advisorRecords';
import type { AdvisorDetails, AdvisorStore } from '../../../bot/ports/advisorStore';
import { StoreUnavailableError } from '../../../bot/ports/store';
import { RECORD_SCHEMA_VERSION } from '../../../bot/records';
import { validateRecord } from '../validateRecord';
import { AdvisorDatabase } from './advisorCollections';
import { decodeDocument } from './decodeDocument';
import { isDuplicateKeyError } from './mongoErrors';

type Doc = Record<string, unknown> & { _id: string };

/**
 * The AdvisorStore on MongoDB: collections advisors (unique on organisation + email), signInLinks, advisorSessions,
 * oidcLogins and signInAttempts (each removed by a TTL index once expired). Consuming a link or an OIDC sign-in is a
 * delete by id: only the caller whose delete removed the document may use it.
 */
export class MongoAdvisorStore implements AdvisorStore {
  private readonly database: AdvisorDatabase;

  /** `deadlineMs`: how long one operation may take (the MongoStore's operation timeout); none by default. */
  constructor(db: Db, deadlineMs?: number) {
    this.database = new AdvisorDatabase(db, ['advisors', 'signInLinks', 'advisorSessions', 'oidcLogins', 'signInAttempts'], deadlineMs);
  }

  async saveAdvisor(details: AdvisorDetails, now: Date): Promise<AdvisorRecord> {
    const email = details.email.trim().toLowerCase();
    return this.database.run('save an advisor', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const existing = await this.advisors.findOne({ organisationId: details.organisationId, email });
        const base = existing
          ? decodeDocument(advisorRecordSchema, existing, 'advisors')
          : { schemaVersion: RECORD_SCHEMA_VERSION, id: randomUUID(), createdAt: now.toISOString() };
        const record = validateRecord(advisorRecordSchema, { ...base, ...details, email }, 'advisor');
        try {
          if (existing) await this.advisors.replaceOne({ _id: record.id }, { ...record });
          else await this.advisors.insertOne({ _id: record.id, ...record });
          return record;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
      throw new StoreUnavailableError(`the advisor ${email} kept changing; try again`);
    });
  }

  async getAdvisor(organisationId: string, advisorId: string): Promise<AdvisorRecord | null> {
    return this.database.run('read an advisor', async () => {
      const document = await this.advisors.findOne({ _id: advisorId, organisationId });
      return document ? decodeDocument(advisorRecordSchema, document, 'advisors') : null;
    });
  }

  async findAdvisorsByEmail(email: string): Promise<AdvisorRecord[]> {
    return this.database.run('find advisors by email', async () =>
      (await this.advisors.find({ email: email.trim().toLowerCase() }).toArray()).map((d) => decodeDocument(advisorRecordSchema, d, 'advisors')),
    );
  }

  async findAdvisorByEntra(tenantId: string, objectId: string): Promise<AdvisorRecord | null> {
    return this.database.run('find an advisor by Entra id', async () => {
      const document = await this.advisors.findOne({ entraTenantId: tenantId, entraObjectId: objectId });
      return document ? decodeDocument(advisorRecordSchema, document, 'advisors') : null;
    });
  }

  async listAdvisors(organisationId: string): Promise<AdvisorRecord[]> {
    return this.database.run('list advisors', async () =>
      (await this.advisors.find({ organisationId }).toArray())
        .map((d) => decodeDocument(advisorRecordSchema, d, 'advisors'))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }

  async linkEntra(organisationId: string, advisorId: string, tenantId: string, objectId: string): Promise<void> {
    await this.update(organisationId, advisorId, { entraTenantId: tenantId, entraObjectId: objectId });
  }

  async setAdvisorLocale(organisationId: string, advisorId: string, locale: AdvisorRecord['locale']): Promise<void> {
    await this.update(organisationId, advisorId, { locale });
  }

  async recordSignIn(organisationId: string, advisorId: string, at: Date): Promise<void> {
    await this.update(organisationId, advisorId, { lastSignInAt: at.toISOString() });
  }

  async saveSignInLink(link: SignInLink): Promise<void> {
    const checked = validateRecord(signInLinkSchema, link, 'sign-in link');
    await this.database.run('save a sign-in link', () =>
      this.links.insertOne({ _id: checked.tokenHash, ...checked, expireAt: new Date(checked.expiresAt) }),
    );
  }

  async consumeSignInLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    return this.consume('a sign-in link', this.links, tokenHash, now, (d) => decodeDocument(signInLinkSchema, d, 'signInLinks'));
  }

  async createSession(session: AdvisorSession): Promise<void> {
    const checked = validateRecord(advisorSessionSchema, session, 'advisor session');
    await this.database.run('create a session', () =>
      this.sessions.insertOne({ _id: checked.idHash, ...checked, expireAt: new Date(checked.expiresAt) }),
    );
  }

  async getSession(idHash: string): Promise<AdvisorSession | null> {
    return this.database.run('read a session', async () => {
      const document = await this.sessions.findOne({ _id: idHash });
      return document ? decodeDocument(advisorSessionSchema, document, 'advisorSessions') : null;
    });
  }

  async touchSession(idHash: string, at: Date): Promise<void> {
    await this.database.run('touch a session', () => this.sessions.updateOne({ _id: idHash }, { $set: { lastSeenAt: at.toISOString() } }));
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.database.run('delete a session', () => this.sessions.deleteOne({ _id: idHash }));
  }

  async saveOidcLogin(login: OidcLogin): Promise<void> {
    const checked = validateRecord(oidcLoginSchema, login, 'OIDC sign-in');
    await this.database.run('save an OIDC sign-in', () =>
      this.logins.insertOne({ _id: checked.stateHash, ...checked, expireAt: new Date(checked.expiresAt) }),
    );
  }

  async consumeOidcLogin(stateHash: string, now: Date): Promise<OidcLogin | null> {
    return this.consume('an OIDC sign-in', this.logins, stateHash, now, (d) => decodeDocument(oidcLoginSchema, d, 'oidcLogins'));
  }

  async countSignInAttempt(key: string, windowMs: number, now: Date): Promise<number> {
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    return this.database.run('count a sign-in attempt', async () => {
      const document = await this.attempts.findOneAndUpdate(
        { _id: `${key}@${windowStart}` },
        { $inc: { count: 1 }, $setOnInsert: { expireAt: new Date(windowStart + windowMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return Number(document?.count ?? 1);
    });
  }

  /**
   * Reads and deletes the document; only the caller whose delete removed it may use it. Each round trip has its own
   * deadline, so a read that timed out never goes on to delete a link its caller was told had failed.
   */
  private async consume<T extends { expiresAt: string }>(
    what: string,
    collection: ReturnType<MongoAdvisorStore['collectionOf']>,
    id: string,
    now: Date,
    decode: (document: Doc) => T,
  ): Promise<T | null> {
    const document = await this.database.run(`read ${what}`, () => collection.findOne({ _id: id }));
    if (!document) return null;
    const { deletedCount } = await this.database.run(`consume ${what}`, () => collection.deleteOne({ _id: id }));
    if (deletedCount !== 1) return null;
    const record = decode(document);
    return Date.parse(record.expiresAt) > now.getTime() ? record : null;
  }

  private async update(organisationId: string, advisorId: string, set: Record<string, unknown>): Promise<void> {
    await this.database.run(`update advisor ${advisorId}`, async () => {
      const result = await this.advisors.updateOne({ _id: advisorId, organisationId }, { $set: set });
      if (result.matchedCount === 0) throw new StoreUnavailableError(`there is no advisor ${advisorId} in ${organisationId}`);
    });
  }

  private collectionOf(name: Parameters<AdvisorDatabase['collection']>[0]) {
    return this.database.collection<Doc>(name);
  }

  private get advisors() {
    return this.collectionOf('advisors');
  }
  private get links() {
    return this.collectionOf('signInLinks');
  }
  private get sessions() {
    return this.collectionOf('advisorSessions');
  }
  private get logins() {
    return this.collectionOf('oidcLogins');
  }
  private get attempts() {
    return this.database.collection<{ _id: string; count: number; expireAt: Date }>('signInAttempts');
  }
}
