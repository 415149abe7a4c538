import type { z } from 'zod';
import { decodeRecord } from '../decodeRecord';

/**
 * Decodes a document of the advisor collections: drops the fields only MongoDB needs (`_id`, the `expireAt` Date of
 * a TTL index) and parses the rest as the record.
 */
export function decodeDocument<S extends z.ZodType>(schema: S, document: Record<string, unknown>, source: string): z.output<S> {
  const { _id, expireAt: _expireAt, ...rest } = document;
  return decodeRecord(schema, rest, `${source} ${String(_id)}`);
}
