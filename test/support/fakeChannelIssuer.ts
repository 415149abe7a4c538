import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { startLocalJsonServer } from './localJsonServer';

/** The issuer of the tokens Bot Framework channels send with each activity (the SDK's default ToBotFromChannelTokenIssuer). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** How to sign a token that does not come from the channel the bot trusts. */
export interface ForgeryOptions {
  /** Sign with a key the bot has never seen, under the trusted key's id (the signature cannot match). */
  readonly strangerKey?: boolean;
  /** Put this key id in the header instead of the trusted one; null leaves the key id out. */
  readonly kid?: string | null;
  /** 'none' leaves the token unsigned; 'HS256' signs it with a guessed shared secret. */
  readonly alg?: 'RS256' | 'none' | 'HS256';
}

/** A local stand-in for login.botframework.com: OpenID metadata and JWKS on 127.0.0.1, and a signer for channel tokens. */
export interface FakeChannelIssuer {
  /** Value for ToBotFromChannelOpenIdMetadataUrl. */
  readonly metadataUrl: string;
  readonly keyId: string;
  /** Requests for the metadata or the keys so far. */
  keyRequests(): number;
  /** A token like the one a channel sends: iss, aud, serviceurl, nbf and exp (1 h); `claims` add to or replace them. */
  token(claims: { readonly aud: string; readonly serviceurl: string } & Record<string, unknown>, forgery?: ForgeryOptions): string;
  close(): Promise<void>;
}

/** Starts the issuer; its one signing key is endorsed for the given channels, as Microsoft's keys are. */
export async function startFakeChannelIssuer(endorsements: readonly string[] = ['msteams']): Promise<FakeChannelIssuer> {
  const keyId = 'local-channel-key';
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = trusted.publicKey.export({ format: 'jwk' });
  const server = await startLocalJsonServer((request, baseUrl) => {
    if (request.url === '/v1/.well-known/openidconfiguration') {
      return {
        body: {
          issuer: BOT_FRAMEWORK_ISSUER,
          authorization_endpoint: `${baseUrl}/invalid`,
          jwks_uri: `${baseUrl}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        },
      };
    }
    if (request.url === '/v1/.well-known/keys') {
      return { body: { keys: [{ kty: 'RSA', use: 'sig', kid: keyId, n: jwk.n, e: jwk.e, endorsements }] } };
    }
    return undefined;
  });
  return {
    metadataUrl: `${server.url}/v1/.well-known/openidconfiguration`,
    keyId,
    keyRequests: () => server.requests.length,
    token(claims, forgery = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: BOT_FRAMEWORK_ISSUER, nbf: now - 60, exp: now + 3600, ...claims };
      const alg = forgery.alg ?? 'RS256';
      const key: KeyObject = forgery.strangerKey ? stranger.privateKey : trusted.privateKey;
      const kid = forgery.kid === null ? {} : { kid: forgery.kid ?? keyId };
      return signJwt({ alg, ...kid, typ: 'JWT' }, payload, alg === 'none' ? undefined : alg === 'HS256' ? 'guessed-secret' : key);
    },
    close: () => server.close(),
  };
}

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject | string | undefined): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature =
    key === undefined
      ? ''
      : typeof key === 'string'
        ? createHmac('sha256', key).update(signingInput).digest('base64url')
        : sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
