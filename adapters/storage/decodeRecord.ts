import type { z } from 'zod';
import { zodIssueLines } from '../../curriculum/zodIssues';
import { StoreUnavailableError } from '../../bot/ports/store';
import { migrateRecord } from '../../bot/records';

/**
 * Turns a stored document into a record: migrates it to the current schema version, then parses it with the
 * record's zod schema. A document that cannot be read (corrupt, from a newer release) rejects the operation with
 * a StoreUnavailableError whose message names `source` (a file, or a collection and id).
 */
export function decodeRecord<S extends z.ZodType>(schema: S, document: unknown, source: string): z.output<S> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new StoreUnavailableError(`${source} is not a stored document (expected a JSON object)`);
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateRecord(document as Record<string, unknown>);
  } catch (error) {
    throw new StoreUnavailableError(`${source} cannot be read: ${errorMessage(error)}`, { cause: error });
  }
  const result = schema.safeParse(migrated);
  if (!result.success) {
    const problems = zodIssueLines(result.error, '(document)');
    throw new StoreUnavailableError(`${source} does not match its schema: ${problems.join('; ')}`, { cause: result.error });
  }
  return result.data;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
