import { z } from 'zod';
import { RECORD_SCHEMA_VERSION } from '../../../bot/records';

/** The file store's index document: which learner owns an identity (one file per identity key). */
export const identityEntrySchema = z.strictObject({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  identityKey: z.string().min(1),
  learnerId: z.string().min(1),
});
export type IdentityEntry = z.infer<typeof identityEntrySchema>;
