import type { z } from 'zod';
import { zodIssueLines } from '../../curriculum/zodIssues';

/**
 * Checks a record before it is written, so a store never keeps a document it could not read back.
 * An invalid record is a bug in the caller, not a storage failure: it throws a TypeError naming the fields.
 */
export function validateRecord<S extends z.ZodType>(schema: S, record: unknown, what: string): z.output<S> {
  const result = schema.safeParse(record);
  if (!result.success) {
    const problems = zodIssueLines(result.error, '(record)');
    throw new TypeError(`refusing to store an invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}
