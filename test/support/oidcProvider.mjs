// A real OpenID provider (panva's oidc-provider) on 127.0.0.1 for the Entra sign-in tests, run as a child process
// because oidc-provider is published as an ES module only. It prints `OIDC_ISSUER=<url>` when it listens.
//
// Arguments: JSON { clientId, clientSecret, redirectUri, accounts: { "<login>": { email, email_verified, tid, oid, name } } }
// Any login typed on the provider's development login page is accepted; its claims come from `accounts`.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2] ?? '{}');
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  claims: { openid: ['sub', 'tid', 'oid'], email: ['email', 'email_verified'], profile: ['name'] },
  // Entra puts the user's claims in the ID token; so does this provider.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-cookie-key-for-the-local-provider'] },
  async findAccount(_ctx, id) {
    const account = settings.accounts?.[id] ?? { email: id, email_verified: false };
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
});
// The provider's development pages are plain http on the loopback address: let its cookies work there.
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`OIDC_ISSUER=${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
