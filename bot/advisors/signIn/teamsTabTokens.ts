import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';

/** Entra's signing keys for tokens of every tenant. */
export const ENTRA_KEYS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** The Entra user a Teams single sign-on token vouches for. */
export interface TabUser {
  readonly tenantId: string;
  readonly objectId: string;
  /** The user's sign-in name (preferred_username or upn), managed by their tenant. */
  readonly username?: string;
}

export interface TeamsTabTokensOptions {
  /** Application (client) id of the tab's Entra app registration. */
  readonly clientId: string;
  /** Host of the bot's PUBLIC_URL: the audience is api://<host>/<client id>. */
  readonly host: string;
  /** The keys to check signatures with; Entra's published keys by default (tests pass a local key set). */
  readonly keys?: JWTVerifyGetKey;
}

const SCOPE = 'access_as_user';

/**
 * Verifies the token `authentication.getAuthToken()` gives the advisor tab: RS256 signed by Entra, issued by the
 * token's own tenant (v1 or v2 issuer), for this app (audience api://<host>/<client id>, or the client id), not
 * expired, and with the `access_as_user` scope. Returns the user, or null for any token that fails a check.
 */
export class TeamsTabTokens {
  private readonly keys: JWTVerifyGetKey;
  private readonly audiences: string[];

  constructor(options: TeamsTabTokensOptions) {
    this.keys = options.keys ?? createRemoteJWKSet(new URL(ENTRA_KEYS_URL));
    this.audiences = [`api://${options.host}/${options.clientId}`, options.clientId];
  }

  async verify(token: string): Promise<TabUser | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        audience: this.audiences,
        clockTolerance: 60,
        requiredClaims: ['exp', 'tid', 'oid'],
      });
      const tenantId = String(payload.tid);
      const issuers = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
      if (typeof payload.iss !== 'string' || !issuers.includes(payload.iss)) return null;
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(SCOPE)) return null;
      const username =
        typeof payload.preferred_username === 'string' ? payload.preferred_username : typeof payload.upn === 'string' ? payload.upn : undefined;
      return { tenantId, objectId: String(payload.oid), ...(username ? { username } : {}) };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}
