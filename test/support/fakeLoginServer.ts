import { startLocalJsonServer } from './localJsonServer';
import type { TlsIdentity } from './selfSignedCertificate';

/** A client-credentials token request as the login server received it. */
export interface TokenRequest {
  readonly path: string;
  readonly form: Readonly<Record<string, string>>;
  /** The access token it was given. */
  readonly issued: string;
}

/**
 * A local stand-in for Microsoft Entra ID, the way MSAL talks to it for the bot's outgoing token: instance
 * discovery (which MSAL always asks login.microsoftonline.com for; route that host here), the tenant's OpenID
 * configuration, and the client-credentials token endpoint. HTTPS only, as MSAL refuses plain-HTTP authorities.
 */
export interface FakeLoginServer {
  readonly url: string;
  readonly port: number;
  /** Value for ToChannelFromBotLoginUrl: outside login.microsoftonline.com the SDK uses it as the authority as it is. */
  readonly authority: string;
  readonly tokenRequests: readonly TokenRequest[];
  close(): Promise<void>;
}

export async function startFakeLoginServer(tenantId: string, tls: TlsIdentity): Promise<FakeLoginServer> {
  const tokenRequests: TokenRequest[] = [];
  const tenantPath = `/${tenantId.toLowerCase()}`;
  const server = await startLocalJsonServer((request, baseUrl) => {
    const path = request.url.split('?')[0];
    if (path === '/common/discovery/instance') {
      const host = new URL(baseUrl).host;
      return {
        body: {
          tenant_discovery_endpoint: `${baseUrl}${tenantPath}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      };
    }
    if (path === `${tenantPath}/v2.0/.well-known/openid-configuration`) {
      return {
        body: {
          issuer: `${baseUrl}${tenantPath}/v2.0`,
          authorization_endpoint: `${baseUrl}${tenantPath}/oauth2/v2.0/authorize`,
          token_endpoint: `${baseUrl}${tenantPath}/oauth2/v2.0/token`,
          jwks_uri: `${baseUrl}${tenantPath}/discovery/v2.0/keys`,
          end_session_endpoint: `${baseUrl}${tenantPath}/oauth2/v2.0/logout`,
        },
      };
    }
    if (request.method === 'POST' && path === `${tenantPath}/oauth2/v2.0/token`) {
      const issued = `local-access-token-${tokenRequests.length + 1}`;
      tokenRequests.push({ path, form: Object.fromEntries(new URLSearchParams(request.body)), issued });
      return { body: { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: issued } };
    }
    return undefined;
  }, tls);
  return { url: server.url, port: server.port, authority: `${server.url}${tenantPath}`, tokenRequests, close: () => server.close() };
}
