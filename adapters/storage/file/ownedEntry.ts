import { z } from 'zod';

/**
 * A line of a learner's owned-records index (owned/<learner>.jsonl): a link code issued to the learner, or an identity
 * entry that points to the learner without being listed in the learner file (left by a crash before this index
 * existed). Written before the record it names, so "delete my data" finds everything without scanning the store.
 */
export const ownedEntrySchema = z.union([z.strictObject({ linkCode: z.string().min(1) }), z.strictObject({ identityKey: z.string().min(1) })]);
export type OwnedEntry = z.infer<typeof ownedEntrySchema>;
