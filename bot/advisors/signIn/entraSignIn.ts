import * as client from 'openid-client';
import type { AdvisorRecord } from '../advisorRecords';
import type { AdvisorStore } from '../../ports/advisorStore';
import { RECORD_SCHEMA_VERSION } from '../../records';
import { newSecret, SECRET_PATTERN, secretHash } from './secrets';

export interface EntraSignInOptions {
  /** The issuer (its /.well-known/openid-configuration is read once, at the first sign-in). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The callback URL registered with the app: PUBLIC_URL + /advisor/entra/callback. */
  readonly redirectUri: string;
  readonly advisors: AdvisorStore;
  readonly clock?: () => Date;
}

/** How long the browser may take from the authorization request to the callback. */
const LOGIN_TTL_MS = 10 * 60_000;

/** Why an Entra sign-in did not sign anybody in. */
export type EntraRefusal = 'expired' | 'failed' | 'unknownAdvisor';

/**
 * Advisors' sign-in with Microsoft Entra ID: OpenID Connect authorization-code flow with PKCE, through openid-client.
 * The advisor is the one linked to the token's tenant + object id, or else the one (in exactly one organisation) whose
 * email the token states as verified, who is then linked for the next time.
 */
export class EntraSignIn {
  private configuration: Promise<client.Configuration> | null = null;
  private readonly clock: () => Date;

  constructor(private readonly options: EntraSignInOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Starts a sign-in: the URL to send the browser to, and the state to keep in its cookie until the callback. */
  async begin(): Promise<{ url: string; state: string }> {
    const configuration = await this.config();
    const state = newSecret();
    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    await this.options.advisors.saveOidcLogin({
      schemaVersion: RECORD_SCHEMA_VERSION,
      stateHash: secretHash(state),
      codeVerifier,
      nonce,
      expiresAt: new Date(this.clock().getTime() + LOGIN_TTL_MS).toISOString(),
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      response_mode: 'query',
    });
    return { url: url.href, state };
  }

  /**
   * Finishes a sign-in from the callback URL. `stateCookie` is the state this browser began with: a callback with any
   * other state (another browser's, a replayed one) is refused.
   */
  async complete(callbackUrl: URL, stateCookie: string | undefined): Promise<AdvisorRecord | EntraRefusal> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!stateCookie || state !== stateCookie || !SECRET_PATTERN.test(state)) return 'failed';
    const login = await this.options.advisors.consumeOidcLogin(secretHash(state), this.clock());
    if (!login) return 'expired';
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await this.config(), callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch {
      return 'failed';
    }
    return (await this.advisorOf(claims)) ?? 'unknownAdvisor';
  }

  private async advisorOf(claims: client.IDToken | undefined): Promise<AdvisorRecord | null> {
    const tenantId = typeof claims?.tid === 'string' ? claims.tid : undefined;
    const objectId = typeof claims?.oid === 'string' ? claims.oid : undefined;
    const { advisors } = this.options;
    if (tenantId && objectId) {
      const linked = await advisors.findAdvisorByEntra(tenantId, objectId);
      if (linked) return linked;
    }
    const email = typeof claims?.email === 'string' ? claims.email : undefined;
    const verified = claims?.email_verified === true || claims?.xms_edov === true;
    if (!email || !verified) return null;
    const matches = await advisors.findAdvisorsByEmail(email);
    if (matches.length !== 1) return null;
    const advisor = matches[0]!;
    if (tenantId && objectId) await advisors.linkEntra(advisor.organisationId, advisor.id, tenantId, objectId);
    return advisor;
  }

  private config(): Promise<client.Configuration> {
    const issuer = new URL(this.options.issuer);
    // Plain http only for a provider on this machine (development and the tests' local OpenID provider).
    const local = issuer.protocol === 'http:' && (issuer.hostname === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(issuer.hostname));
    this.configuration ??= client
      .discovery(issuer, this.options.clientId, this.options.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        this.configuration = null;
        throw error;
      });
    return this.configuration;
  }
}
