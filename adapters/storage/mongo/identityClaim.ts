import { z } from 'zod';
import { RECORD_SCHEMA_VERSION } from '../../../bot/records';

/** A document of the identities collection: the learner who owns one identity (`_id` is the identityKey). */
export const identityClaimSchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  learnerId: z.string().min(1),
  createdAt: z.string(),
});
export type IdentityClaim = z.infer<typeof identityClaimSchema>;
