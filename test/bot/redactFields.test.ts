import { REDACTED, redactFields } from '../../bot/redactFields';

const FIELDS = new Set(['text', 'name']);

describe('redactFields', () => {
  it('replaces the named fields at any depth, in objects and arrays, without changing the input', () => {
    const input = {
      text: 'my answer',
      activity: { from: { name: 'Amina', id: 'u-1' } },
      items: [{ text: 'a' }, 'kept'],
      deep: { a: { b: { c: { text: 'x' } } } },
    };
    const before = JSON.stringify(input);
    expect(redactFields(input, FIELDS)).toEqual({
      text: REDACTED,
      activity: { from: { name: REDACTED, id: 'u-1' } },
      items: [{ text: REDACTED }, 'kept'],
      deep: { a: { b: { c: { text: REDACTED } } } },
    });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('returns a value with nothing to redact as it is, and shares the parts it did not change', () => {
    const clean = { learnerId: 'l-1', nested: { ids: ['a', 'b'] } };
    expect(redactFields(clean, FIELDS)).toBe(clean);
    const mixed = { clean: { id: 1 }, dirty: { name: 'Amina' } };
    const redacted = redactFields(mixed, FIELDS);
    expect(redacted).not.toBe(mixed);
    expect(redacted.clean).toBe(mixed.clean);
  });

  it('leaves instances of classes to their serializers and stops at a cycle', () => {
    const error = Object.assign(new Error('failed'), { text: 'kept for the serializer' });
    expect(redactFields({ err: error }, FIELDS).err).toBe(error);
    const cyclic: Record<string, unknown> = { id: 'c' };
    cyclic.self = cyclic;
    expect(() => redactFields(cyclic, FIELDS)).not.toThrow();
  });
});
