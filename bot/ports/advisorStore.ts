import type { AdvisorRecord, AdvisorSession, OidcLogin, SignInLink } from '../advisors/advisorRecords';

/** The fields an invite sets; the id, creation time and Entra link of an existing advisor are kept. */
export type AdvisorDetails = Pick<AdvisorRecord, 'organisationId' | 'name' | 'email' | 'role' | 'locale'>;

/**
 * Advisors, their one-time sign-in links and their dashboard sessions. Implemented by the file store and the MongoDB
 * store (collections `advisors`, `signInLinks`, `advisorSessions`, `oidcLogins`, `signInAttempts`); both pass
 * test/storage/advisorStoreContract.ts. Secrets (link tokens, session ids, OIDC state) are kept as SHA-256 hashes only.
 *
 * Every method either does what it says or rejects with a StoreUnavailableError.
 */
export interface AdvisorStore {
  /** Creates the advisor, or updates name, role and language of the one with this email in the organisation. */
  saveAdvisor(details: AdvisorDetails, now: Date): Promise<AdvisorRecord>;
  /** The advisor with this id in this organisation, or null (an advisor of another organisation is null too). */
  getAdvisor(organisationId: string, advisorId: string): Promise<AdvisorRecord | null>;
  /** Advisors with this (lower-cased) email, in every organisation. */
  findAdvisorsByEmail(email: string): Promise<AdvisorRecord[]>;
  /** The advisor linked to this Entra user, or null. */
  findAdvisorByEntra(tenantId: string, objectId: string): Promise<AdvisorRecord | null>;
  listAdvisors(organisationId: string): Promise<AdvisorRecord[]>;
  /** Links an Entra user to the advisor (first Entra sign-in matched by verified email). */
  linkEntra(organisationId: string, advisorId: string, tenantId: string, objectId: string): Promise<void>;
  setAdvisorLocale(organisationId: string, advisorId: string, locale: AdvisorRecord['locale']): Promise<void>;
  recordSignIn(organisationId: string, advisorId: string, at: Date): Promise<void>;

  saveSignInLink(link: SignInLink): Promise<void>;
  /** Consumes a link: returns it if it existed and had not expired at `now`; of concurrent calls at most one gets it. */
  consumeSignInLink(tokenHash: string, now: Date): Promise<SignInLink | null>;

  createSession(session: AdvisorSession): Promise<void>;
  getSession(idHash: string): Promise<AdvisorSession | null>;
  /** Moves the idle clock of a session on. */
  touchSession(idHash: string, at: Date): Promise<void>;
  deleteSession(idHash: string): Promise<void>;

  saveOidcLogin(login: OidcLogin): Promise<void>;
  /** Consumes an OIDC sign-in under way, like a sign-in link. */
  consumeOidcLogin(stateHash: string, now: Date): Promise<OidcLogin | null>;

  /**
   * Counts one sign-in attempt under `key` (a client address) in the fixed window of `windowMs` that `now` falls in,
   * and returns how many there have been in that window, this one included. Shared by every instance on one store.
   */
  countSignInAttempt(key: string, windowMs: number, now: Date): Promise<number>;
}
