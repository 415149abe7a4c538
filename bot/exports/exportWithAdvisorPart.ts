import type { AdvisorTurnHooks } from '../advisors/advisorTurnHooks';
import type { LearnerExport, Store } from '../ports/store';

/** "Export my data": what the store keeps about the learner and, when the advisor side runs, its notes, requests and access log. */
export async function exportWithAdvisorPart(
  store: Pick<Store, 'exportLearner'>,
  advisors: Pick<AdvisorTurnHooks, 'exportOf'> | undefined,
  learnerId: string,
): Promise<LearnerExport | null> {
  const stored = await store.exportLearner(learnerId);
  return stored && advisors ? { ...stored, advisors: await advisors.exportOf(learnerId) } : stored;
}
