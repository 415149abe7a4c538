import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
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
import { guardStore } from '../storeGuard';
import { FileDocuments } from './fileDocuments';
import { KeyedMutex } from './keyedMutex';

/**
 * The AdvisorStore of the embedded file store: folders advisors/, advisor-links/, advisor-sessions/ and oidc-logins/
 * in the same data folder. Advisors, links and sessions are read from their files every time, because
 * `npm run advisor:invite` writes advisors and links from another process while the bot runs. Sign-in attempts are counted in memory: the file store serves
 * one bot process.
 */
export class FileAdvisorStore implements AdvisorStore {
  private readonly locks = new KeyedMutex();
  private readonly attempts = new Map<string, { windowStart: number; count: number }>();

  private constructor(
    private readonly advisors: FileDocuments<typeof advisorRecordSchema>,
    private readonly links: FileDocuments<typeof signInLinkSchema>,
    private readonly sessions: FileDocuments<typeof advisorSessionSchema>,
    private readonly logins: FileDocuments<typeof oidcLoginSchema>,
  ) {}

  static async open(dataDir: string): Promise<FileAdvisorStore> {
    return guardStore('file store', `open the advisor folders in ${dataDir}`, async () => {
      const [advisors, links, sessions, logins] = await Promise.all([
        FileDocuments.open(join(dataDir, 'advisors'), advisorRecordSchema, (a) => a.id, 'advisor'),
        FileDocuments.open(join(dataDir, 'advisor-links'), signInLinkSchema, (l) => l.tokenHash, 'sign-in link'),
        FileDocuments.open(join(dataDir, 'advisor-sessions'), advisorSessionSchema, (s) => s.idHash, 'advisor session'),
        FileDocuments.open(join(dataDir, 'oidc-logins'), oidcLoginSchema, (l) => l.stateHash, 'OIDC sign-in'),
      ]);
      return new FileAdvisorStore(advisors, links, sessions, logins);
    });
  }

  async saveAdvisor(details: AdvisorDetails, now: Date): Promise<AdvisorRecord> {
    const email = details.email.trim().toLowerCase();
    return this.guard('save an advisor', () =>
      this.locks.runExclusive(`advisor:${details.organisationId}:${email}`, async () => {
        const existing = (await this.advisors.readAll()).find((a) => a.organisationId === details.organisationId && a.email === email);
        return this.advisors.put({
          ...(existing ?? { schemaVersion: RECORD_SCHEMA_VERSION, id: randomUUID(), createdAt: now.toISOString() }),
          ...details,
          email,
        });
      }),
    );
  }

  async getAdvisor(organisationId: string, advisorId: string): Promise<AdvisorRecord | null> {
    const advisor = await this.guard('read an advisor', () => this.advisors.read(advisorId));
    return advisor?.organisationId === organisationId ? advisor : null;
  }

  async findAdvisorsByEmail(email: string): Promise<AdvisorRecord[]> {
    const wanted = email.trim().toLowerCase();
    return (await this.guard('find advisors', () => this.advisors.readAll())).filter((a) => a.email === wanted);
  }

  async findAdvisorByEntra(tenantId: string, objectId: string): Promise<AdvisorRecord | null> {
    return (
      (await this.guard('find advisors', () => this.advisors.readAll())).find((a) => a.entraTenantId === tenantId && a.entraObjectId === objectId) ??
      null
    );
  }

  async listAdvisors(organisationId: string): Promise<AdvisorRecord[]> {
    return (await this.guard('list advisors', () => this.advisors.readAll()))
      .filter((a) => a.organisationId === organisationId)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async linkEntra(organisationId: string, advisorId: string, tenantId: string, objectId: string): Promise<void> {
    await this.update(organisationId, advisorId, (a) => ({ ...a, entraTenantId: tenantId, entraObjectId: objectId }));
  }

  async setAdvisorLocale(organisationId: string, advisorId: string, locale: AdvisorRecord['locale']): Promise<void> {
    await this.update(organisationId, advisorId, (a) => ({ ...a, locale }));
  }

  async recordSignIn(organisationId: string, advisorId: string, at: Date): Promise<void> {
    await this.update(organisationId, advisorId, (a) => ({ ...a, lastSignInAt: at.toISOString() }));
  }

  async saveSignInLink(link: SignInLink): Promise<void> {
    await this.guard('save a sign-in link', () => this.links.put(link));
  }

  async consumeSignInLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    return this.guard('consume a sign-in link', async () => {
      await this.links.read(tokenHash);
      return this.consume(this.links, `link:${tokenHash}`, tokenHash, now);
    });
  }

  async createSession(session: AdvisorSession): Promise<void> {
    await this.guard('create a session', () => this.sessions.put(session));
  }

  async getSession(idHash: string): Promise<AdvisorSession | null> {
    return (await this.guard('read a session', () => this.sessions.read(idHash))) ?? null;
  }

  async touchSession(idHash: string, at: Date): Promise<void> {
    await this.guard('touch a session', () =>
      this.locks.runExclusive(`session:${idHash}`, async () => {
        const session = await this.sessions.read(idHash);
        if (session) await this.sessions.put({ ...session, lastSeenAt: at.toISOString() });
      }),
    );
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.guard('delete a session', () =>
      this.locks.runExclusive(`session:${idHash}`, async () => {
        await this.sessions.read(idHash);
        await this.sessions.remove(idHash);
      }),
    );
  }

  async saveOidcLogin(login: OidcLogin): Promise<void> {
    await this.guard('save an OIDC sign-in', () => this.logins.put(login));
  }

  async consumeOidcLogin(stateHash: string, now: Date): Promise<OidcLogin | null> {
    return this.guard('consume an OIDC sign-in', () => this.consume(this.logins, `oidc:${stateHash}`, stateHash, now));
  }

  async countSignInAttempt(key: string, windowMs: number, now: Date): Promise<number> {
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const current = this.attempts.get(key);
    const window = current && current.windowStart === windowStart ? current : { windowStart, count: 0 };
    window.count += 1;
    this.attempts.set(key, window);
    if (this.attempts.size > 10_000) for (const [k, w] of this.attempts) if (w.windowStart !== windowStart) this.attempts.delete(k);
    return window.count;
  }

  /** Removes the document under its lock; returns it only if it was there and still valid. */
  private async consume<T extends { expiresAt: string }>(
    documents: { get(key: string): T | undefined; remove(key: string): Promise<boolean> },
    lock: string,
    key: string,
    now: Date,
  ): Promise<T | null> {
    return this.locks.runExclusive(lock, async () => {
      const document = documents.get(key);
      if (!document || !(await documents.remove(key))) return null;
      return Date.parse(document.expiresAt) > now.getTime() ? document : null;
    });
  }

  private async update(organisationId: string, advisorId: string, change: (advisor: AdvisorRecord) => AdvisorRecord): Promise<void> {
    await this.guard(`update advisor ${advisorId}`, () =>
      this.locks.runExclusive(`advisor-id:${advisorId}`, async () => {
        const advisor = await this.advisors.read(advisorId);
        if (!advisor || advisor.organisationId !== organisationId)
          throw new StoreUnavailableError(`there is no advisor ${advisorId} in ${organisationId}`);
        await this.advisors.put(change(advisor));
      }),
    );
  }

  private guard<T>(operation: string, task: () => Promise<T>): Promise<T> {
    return guardStore('file store', operation, task);
  }
}
