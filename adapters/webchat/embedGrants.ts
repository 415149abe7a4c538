import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { HmacEnvelope } from '../directline/hmacEnvelope';

/** What the chat page of an embed vouches for: which organisation's chat it is, on which website, until when. */
export interface EmbedGrant {
  readonly organisationId: string;
  /** The website the chat page was framed by (its Referer's origin), or the bot's own origin. */
  readonly hostOrigin: string;
  /** Expiry, in seconds since the epoch. */
  readonly exp: number;
}

const grantSchema = z.strictObject({ organisationId: z.string().min(1).max(80), hostOrigin: z.string().min(1).max(300), exp: z.int() });

export interface EmbedGrantsOptions {
  /** The web-chat token secret; grants are signed with a key derived from it, so a token can never pass as a grant. */
  readonly secret: string | Buffer;
  /** Default 15 minutes: a grant is used once, when the chat page opens its session. */
  readonly ttlSeconds?: number;
  readonly now?: () => number;
}

/**
 * Signed grants that bind a chat session to an organisation: the chat page (GET /embed/:org) is served only into a
 * frame on one of the organisation's allowed websites and carries a grant, and the session endpoint gives out a
 * token of that organisation only against a valid grant.
 */
export class EmbedGrants {
  private readonly envelope: HmacEnvelope;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: EmbedGrantsOptions) {
    const key = createHmac('sha256', options.secret).update('embed-grants', 'utf8').digest();
    this.envelope = new HmacEnvelope(key, 'eg1');
    this.ttlSeconds = options.ttlSeconds ?? 15 * 60;
    this.now = options.now ?? Date.now;
  }

  issue(organisationId: string, hostOrigin: string): string {
    return this.envelope.seal({ organisationId, hostOrigin, exp: Math.floor(this.now() / 1000) + this.ttlSeconds } satisfies EmbedGrant);
  }

  /** The grant if it is genuine and not expired; null otherwise. */
  verify(sealed: string): EmbedGrant | null {
    const opened = this.envelope.open(sealed);
    if (!opened.ok) return null;
    const grant = grantSchema.safeParse(opened.payload);
    return grant.success && grant.data.exp * 1000 > this.now() ? grant.data : null;
  }
}
