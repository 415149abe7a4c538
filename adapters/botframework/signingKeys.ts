import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../../bot/logger';

/** A channel's public signing key and the channels it is endorsed for. */
export interface SigningKey {
  readonly key: KeyObject;
  /** Channel ids the key may sign for (Microsoft endorses each key for some channels); empty: any. */
  readonly endorsements: readonly string[];
}

/** The signing keys have never been fetched and cannot be fetched now; the request should be retried later. */
export class SigningKeysUnavailableError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the Bot Framework signing keys cannot be fetched');
    this.name = 'SigningKeysUnavailableError';
  }
}

export interface SigningKeysOptions {
  /** OpenID metadata document whose `jwks_uri` lists the keys. */
  readonly metadataUrl: string;
  readonly logger: Logger;
  /** Keys older than this are fetched again on the next lookup (the old ones stay in use if that fails). Default 24 h. */
  readonly maxAgeMs?: number;
  /** A key id not among the keys makes them be fetched again at most this often. Default 5 minutes. */
  readonly unknownKeyRefreshMs?: number;
  /** After a failed fetch, no new one for this long. Default 30 s. */
  readonly retryAfterFailureMs?: number;
  /** Longest wait for each of the two documents. Default 5 s. */
  readonly fetchTimeoutMs?: number;
  readonly now?: () => number;
}

const MAX_DOCUMENT_CHARS = 1_000_000;

/**
 * The Bot Framework channel's signing keys (OpenID metadata, then its JWKS), cached so that traffic cannot make
 * the bot fetch them: fetches are single-flight, at most once per `unknownKeyRefreshMs` for key ids that are not
 * among them, never sooner than `retryAfterFailureMs` after a failure, and the last keys fetched stay in use while
 * the key server cannot be reached. Replaces the SDK's OpenIdMetadata, which fetches on every request for as long
 * as a fetch fails and runs one fetch per concurrent request.
 */
export class SigningKeys {
  private keys: ReadonlyMap<string, SigningKey> | null = null;
  private loadedAt = 0;
  private lastAttemptAt = -Infinity;
  private lastFailureAt = -Infinity;
  private refreshing: Promise<void> | null = null;
  private readonly maxAgeMs: number;
  private readonly unknownKeyRefreshMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly fetchTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SigningKeysOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? 5 * 60 * 1000;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? 30_000;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Starts fetching the keys now, so that the first real request does not wait for them. */
  warmUp(): void {
    void this.refresh();
  }

  /**
   * The key with this id, or null if the channel publishes none. Rejects with SigningKeysUnavailableError when no keys
   * have been fetched yet and they cannot be fetched now.
   */
  async find(keyId: string): Promise<SigningKey | null> {
    if (!this.keys || this.now() - this.loadedAt >= this.maxAgeMs) await this.refresh();
    else if (!this.keys.has(keyId) && this.now() - this.lastAttemptAt >= this.unknownKeyRefreshMs) await this.refresh();
    if (!this.keys) {
      const wait = this.lastFailureAt + this.retryAfterFailureMs - this.now();
      throw new SigningKeysUnavailableError(Math.max(1, Math.ceil(wait / 1000)));
    }
    return this.keys.get(keyId) ?? null;
  }

  /** One fetch at a time, none within retryAfterFailureMs of a failure; never rejects (failures are logged). */
  private refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (this.now() - this.lastFailureAt < this.retryAfterFailureMs) return Promise.resolve();
    this.lastAttemptAt = this.now();
    this.refreshing = this.fetchKeys()
      .then((keys) => {
        this.keys = keys;
        this.loadedAt = this.now();
      })
      .catch((error: unknown) => {
        this.lastFailureAt = this.now();
        this.options.logger.warn(
          { err: error, metadataUrl: this.options.metadataUrl, keptOldKeys: this.keys !== null },
          'Bot Framework signing keys could not be fetched',
        );
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async fetchKeys(): Promise<ReadonlyMap<string, SigningKey>> {
    const metadata = (await this.fetchJson(this.options.metadataUrl)) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new Error('the OpenID metadata has no jwks_uri');
    const jwks = (await this.fetchJson(metadata.jwks_uri)) as { keys?: unknown };
    if (!Array.isArray(jwks.keys)) throw new Error('the key set has no keys');
    const keys = new Map<string, SigningKey>();
    for (const jwk of jwks.keys as (JsonWebKey & { kid?: unknown; endorsements?: unknown })[]) {
      if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') continue;
      const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((e): e is string => typeof e === 'string') : [];
      keys.set(jwk.kid, { key: createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }), endorsements });
    }
    if (keys.size === 0) throw new Error('the key set has no RSA signing keys');
    return keys;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.fetchTimeoutMs), redirect: 'error' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_DOCUMENT_CHARS) throw new Error(`${url} is larger than ${MAX_DOCUMENT_CHARS} characters`);
    return JSON.parse(text) as unknown;
  }
}
