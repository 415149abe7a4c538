import { z } from 'zod';
import type { ProgressRecord } from '../records';

/** Only the part of a stored conversation this needs; anything else in it may change shape freely. */
const withProfile = z.object({ snapshot: z.object({ context: z.object({ profile: z.object({ ventureLine: z.string().optional() }) }) }) });

/** The one-line description of the venture, kept only in the conversation (not mirrored on the learner record). */
export function ventureLineOf(progress: ProgressRecord | null): string | undefined {
  const parsed = withProfile.safeParse(progress?.conversation);
  return parsed.success ? parsed.data.snapshot.context.profile.ventureLine : undefined;
}
