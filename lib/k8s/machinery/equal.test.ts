import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepEqual } from './equal';
import { keyOf, namespacedKey, splitKey } from './keys';

describe('deepEqual', () => {
  it('ignores key order and undefined-valued keys, not array order', () => {
    expect(deepEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
  it('agrees with JSON identity on JSON values', () => {
    const j = fc.jsonValue({ maxDepth: 3 });
    fc.assert(fc.property(j, (a) => deepEqual(a, JSON.parse(JSON.stringify(a)))));
    fc.assert(fc.property(j, j, (a, b) => !deepEqual(a, b) || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))));
  });
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

describe('keys', () => {
  it('namespace/name, name for cluster-scoped, and back', () => {
    expect(namespacedKey('ns', 'a')).toBe('ns/a');
    expect(namespacedKey(undefined, 'a')).toBe('a');
    expect(keyOf({ metadata: { namespace: 'ns', name: 'a' } })).toBe('ns/a');
    expect(splitKey('ns/a')).toEqual(['ns', 'a']);
    expect(splitKey('a')).toEqual([undefined, 'a']);
  });
});
