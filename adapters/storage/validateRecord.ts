import type { z } from 'zod';

/**
 * Checks a record before it is written, so a store never keeps a document it could not read back.
 * An invalid record is a bug in the caller, not a storage failure: it throws a TypeError naming the fields.
 */
export function validateRecord<S extends z.ZodType>(schema: S, record: unknown, what: string): z.output<S> {
  const result = schema.safeParse(record);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
    throw new TypeError(`refusing to store an invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}
