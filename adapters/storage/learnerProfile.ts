import type { z } from 'zod';
import { learnerRecordSchema } from '../../bot/records';

/** The learner fields updateLearnerProfile replaces; a field left out is removed. */
export const learnerProfileSchema = learnerRecordSchema.pick({
  locale: true,
  displayName: true,
  ventureName: true,
  consentedAt: true,
  sharesWithAdvisors: true,
});
export type LearnerProfile = z.infer<typeof learnerProfileSchema>;
