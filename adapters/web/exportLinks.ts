import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { ExportLinkIssuer } from '../../bot/exports/exportLinkIssuer';
import { HmacEnvelope } from '../directline/hmacEnvelope';

const linkSchema = z.strictObject({ learnerId: z.string().min(1), organisationId: z.string().min(1), exp: z.int() });
export type ExportLink = z.infer<typeof linkSchema>;

export interface ExportLinksOptions {
  readonly secret: string | Buffer;
  /** How long a link works; 15 minutes unless set. */
  readonly ttlMinutes?: number;
  readonly now?: () => number;
}

/**
 * Short-lived signed links to a learner's export (`/exports/<token>/<file>`). The document is made when the link is
 * opened, from what is stored then, so a link opened after "delete my data" finds nothing.
 */
export class ExportLinks implements ExportLinkIssuer {
  private readonly envelope: HmacEnvelope;
  readonly ttlMinutes: number;
  private readonly now: () => number;

  constructor(options: ExportLinksOptions) {
    this.envelope = new HmacEnvelope(createHmac('sha256', options.secret).update('export-links', 'utf8').digest(), 'ex1');
    this.ttlMinutes = options.ttlMinutes ?? 15;
    this.now = options.now ?? Date.now;
  }

  issue(learnerId: string, organisationId: string): { token: string; minutes: number } {
    const exp = Math.floor(this.now() / 1000) + this.ttlMinutes * 60;
    return { token: this.envelope.seal({ learnerId, organisationId, exp } satisfies ExportLink), minutes: this.ttlMinutes };
  }

  /** The link if it is genuine and has not expired; null otherwise. */
  open(token: string): ExportLink | null {
    const opened = this.envelope.open(token);
    if (!opened.ok) return null;
    const link = linkSchema.safeParse(opened.payload);
    return link.success && link.data.exp * 1000 > this.now() ? link.data : null;
  }
}
