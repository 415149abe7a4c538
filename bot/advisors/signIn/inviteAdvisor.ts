import type { AdvisorRecord } from '../advisorRecords';
import type { AdvisorDetails, AdvisorStore } from '../../ports/advisorStore';
import { RECORD_SCHEMA_VERSION } from '../../records';
import { newSecret, secretHash } from './secrets';

/** How long a sign-in link works. */
export const SIGN_IN_LINK_HOURS = 72;

/** Where a sign-in link opens. */
export const SIGN_IN_PATH = '/advisor/sign-in';

export interface Invitation {
  readonly advisor: AdvisorRecord;
  /** The one-time link; only its hash is stored, so it can be shown once and never again. */
  readonly link: string;
  readonly expiresAt: Date;
}

/**
 * Creates or updates the advisor (by email within the organisation) and makes a one-time sign-in link, valid for 72
 * hours. Used by `npm run advisor:invite` and by admins in the dashboard.
 */
export async function inviteAdvisor(advisors: AdvisorStore, details: AdvisorDetails, baseUrl: string, now: Date = new Date()): Promise<Invitation> {
  const advisor = await advisors.saveAdvisor(details, now);
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_HOURS * 3600_000);
  await advisors.saveSignInLink({
    schemaVersion: RECORD_SCHEMA_VERSION,
    tokenHash: secretHash(token),
    advisorId: advisor.id,
    organisationId: advisor.organisationId,
    expiresAt: expiresAt.toISOString(),
  });
  return { advisor, link: `${baseUrl.replace(/\/+$/, '')}${SIGN_IN_PATH}?token=${token}`, expiresAt };
}
