import { z } from 'zod';
import { nestsDeeperThan } from './jsonNesting';

/** Deepest nesting a card value or channelData may have; Teams and Web Chat send two or three levels. */
export const MAX_PAYLOAD_DEPTH = 16;

/**
 * Any JSON value, as long as it nests at most `maxDepth` levels and is at most `maxChars` long as JSON: for the
 * free-form parts of an activity (`value`, `channelData`), which the bot copies, stores and logs.
 */
export function boundedJson(maxChars: number, maxDepth = MAX_PAYLOAD_DEPTH) {
  return z.unknown().superRefine((value, ctx) => {
    if (nestsDeeperThan(value, maxDepth)) {
      ctx.addIssue({ code: 'custom', message: `nests more than ${maxDepth} levels deep` });
      return;
    }
    if ((JSON.stringify(value)?.length ?? 0) > maxChars) ctx.addIssue({ code: 'custom', message: `is longer than ${maxChars} characters as JSON` });
  });
}
