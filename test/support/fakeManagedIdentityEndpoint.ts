import { randomBytes } from 'node:crypto';
import { startLocalJsonServer } from './localJsonServer';

/** A token request the managed identity endpoint received. */
export interface ManagedIdentityTokenRequest {
  readonly query: Readonly<Record<string, string>>;
  readonly identityHeader: string | undefined;
  readonly issued: string;
}

/**
 * A local stand-in for the managed identity endpoint Azure App Service gives a web app: the Azure SDK finds it
 * through IDENTITY_ENDPOINT and IDENTITY_HEADER (see `environment`) and asks it for tokens over plain HTTP.
 */
export interface FakeManagedIdentityEndpoint {
  /** The variables App Service sets; the test puts them into process.env while it runs. */
  readonly environment: { readonly IDENTITY_ENDPOINT: string; readonly IDENTITY_HEADER: string };
  readonly tokenRequests: readonly ManagedIdentityTokenRequest[];
  close(): Promise<void>;
}

export async function startFakeManagedIdentityEndpoint(): Promise<FakeManagedIdentityEndpoint> {
  const identityHeader = randomBytes(16).toString('hex');
  const tokenRequests: ManagedIdentityTokenRequest[] = [];
  const server = await startLocalJsonServer((request) => {
    const url = new URL(request.url, 'http://local');
    if (request.method !== 'GET' || url.pathname !== '/msi/token') return undefined;
    const header = request.headers['x-identity-header'];
    const issued = `local-managed-identity-token-${tokenRequests.length + 1}`;
    tokenRequests.push({ query: Object.fromEntries(url.searchParams), identityHeader: typeof header === 'string' ? header : undefined, issued });
    if (header !== identityHeader)
      return { status: 401, body: { error: 'invalid_request', error_description: 'X-IDENTITY-HEADER is missing or wrong' } };
    return {
      body: {
        access_token: issued,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id'),
      },
    };
  });
  return {
    environment: { IDENTITY_ENDPOINT: `${server.url}/msi/token`, IDENTITY_HEADER: identityHeader },
    tokenRequests,
    close: () => server.close(),
  };
}
