import { z } from 'zod';

/** A stored link code (see LinkCode in the Store port). */
export const linkCodeSchema = z.strictObject({
  codeHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
  learnerId: z.string().min(1),
  /** A code works only within the organisation of the learner who asked for it. */
  organisationId: z.string().min(1),
  expiresAt: z.iso.datetime(),
});
