import type { AdvisorRecord } from '../advisorRecords';
import type { AdvisorStore } from '../../ports/advisorStore';
import { SECRET_PATTERN, secretHash } from './secrets';

/** The advisor a sign-in link's token signs in, consuming the link; null for an unknown, used or expired link. */
export async function redeemSignInLink(advisors: AdvisorStore, token: string, now: Date): Promise<AdvisorRecord | null> {
  if (!SECRET_PATTERN.test(token)) return null;
  const link = await advisors.consumeSignInLink(secretHash(token), now);
  return link ? advisors.getAdvisor(link.organisationId, link.advisorId) : null;
}
