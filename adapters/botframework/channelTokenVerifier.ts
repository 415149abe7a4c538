import { StatusCodes } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import jwt from 'jsonwebtoken';
import type { SigningKeys } from './signingKeys';

export interface ChannelTokenVerifierOptions {
  readonly keys: SigningKeys;
  /** The `iss` every channel token carries (https://api.botframework.com in Microsoft's public cloud). */
  readonly issuer: string;
  /** Whether `aud` names this bot (the credential factory's check). */
  readonly isValidAppId: (appId: string) => Promise<boolean>;
  /** The SDK's own tolerance for clock skew. */
  readonly clockToleranceSeconds?: number;
  readonly now?: () => number;
}

/** The parts of the activity a channel token is bound to. */
export interface TokenBinding {
  readonly channelId?: string;
  readonly serviceUrl?: string;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;
const MAX_TOKEN_CHARS = 8192;

/**
 * Checks the token a Bot Framework channel sends with each activity, as the SDK's channel validation does (RS256
 * signature by a published key endorsed for the channel, issuer, expiry with five minutes of tolerance, audience =
 * this bot, serviceUrl claim = the activity's), with one difference that matters under attack: everything that can
 * be checked without the keys is checked first, so a token whose header or claims cannot be valid (another algorithm,
 * no key id, another issuer, expired) is refused without a key lookup. Only channel tokens are accepted: emulator and
 * skill tokens are refused (the bot is not a skill, and the Emulator talks to a bot without an app id).
 */
export class ChannelTokenVerifier {
  private readonly tolerance: number;
  private readonly now: () => number;

  constructor(private readonly options: ChannelTokenVerifierOptions) {
    this.tolerance = options.clockToleranceSeconds ?? 5 * 60;
    this.now = options.now ?? Date.now;
  }

  /** The token's claims; rejects with a 401 AuthenticationError, or SigningKeysUnavailableError when keys cannot be had. */
  async verify(authorization: string, binding: TokenBinding): Promise<Record<string, unknown>> {
    const token = authorization.length <= MAX_TOKEN_CHARS ? BEARER.exec(authorization)?.[1] : undefined;
    if (!token) throw refusal('no bearer token');
    const decoded = jwt.decode(token, { complete: true, json: true });
    if (!decoded || typeof decoded.payload !== 'object') throw refusal('not a JWT');
    const { header, payload } = decoded as { header: jwt.JwtHeader; payload: jwt.JwtPayload };
    if (header.alg !== 'RS256') throw refusal(`algorithm ${String(header.alg)} is not accepted`);
    if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 256) throw refusal('no key id');
    if (payload.iss !== this.options.issuer) throw refusal('another issuer');
    const nowSeconds = this.now() / 1000;
    if (typeof payload.exp !== 'number' || payload.exp + this.tolerance <= nowSeconds) throw refusal('expired');
    if (typeof payload.nbf === 'number' && payload.nbf - this.tolerance > nowSeconds) throw refusal('not valid yet');

    const signingKey = await this.options.keys.find(header.kid);
    if (!signingKey) throw refusal('signed by an unknown key');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, signingKey.key, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        clockTolerance: this.tolerance,
        clockTimestamp: Math.floor(nowSeconds),
      }) as jwt.JwtPayload;
    } catch (error) {
      throw refusal(error instanceof Error ? error.message : 'invalid');
    }
    if (binding.channelId && signingKey.endorsements.length > 0 && !signingKey.endorsements.includes(binding.channelId)) {
      throw refusal(`key not endorsed for ${binding.channelId}`);
    }
    if (typeof claims.aud !== 'string' || !(await this.options.isValidAppId(claims.aud))) throw refusal('for another bot');
    if (binding.serviceUrl && claims.serviceurl !== binding.serviceUrl) throw refusal('for another serviceUrl');
    return claims;
  }
}

function refusal(reason: string): AuthenticationError {
  return new AuthenticationError(`Unauthorized: ${reason}`, StatusCodes.UNAUTHORIZED);
}
