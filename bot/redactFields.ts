/** What a redacted field's value is replaced with. */
export const REDACTED = '[redacted]';

/** Deeper than this is left as it is: pino writes no more than six levels of an object, and this stops a cycle. */
const MAX_DEPTH = 8;

/**
 * `value` with every field named in `fields` replaced by REDACTED, at any depth of its plain objects and arrays
 * (instances of classes, such as errors, are left to their serializers). Copy on write: a value with nothing to
 * redact is returned as it is, and only the objects on the way to a redacted field are copied.
 */
export function redactFields<T>(value: T, fields: ReadonlySet<string>, depth = 0): T {
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const redacted = redactFields(item, fields, depth + 1);
      if (redacted !== item) (copy ??= [...value])[index] = redacted;
    });
    return (copy ?? value) as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const redacted = fields.has(key) ? REDACTED : redactFields(item, fields, depth + 1);
    if (redacted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (copy ?? value) as T;
}
