import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { applyMergePatch } from './index';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const obj = (extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'a:1' }] } } },
  ...extra,
});

describe('applyMergePatch (RFC 7386)', () => {
  const cases: { name: string; patch: Record<string, unknown>; expect: (o: KObject) => void }[] = [
    // kubectl scale sends exactly this to the scale subresource; the deployment patch is the same shape
    { name: 'kubectl scale', patch: { spec: { replicas: 3 } }, expect: (o) => expect((o.spec as Any).replicas).toBe(3) },
    {
      name: 'null deletes a key',
      patch: { metadata: { labels: { tier: null } } },
      expect: (o) => expect(o.metadata.labels).toEqual({ app: 'web' }),
    },
    {
      name: 'arrays are replaced, not merged',
      patch: { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:1' }] } } } },
      expect: (o) => expect((o.spec as Any).template.spec.containers).toEqual([{ name: 'b', image: 'b:1' }]),
    },
    {
      name: 'nested objects merge',
      patch: { metadata: { annotations: { a: '1' } } },
      expect: (o) => {
        expect(o.metadata.annotations).toEqual({ a: '1' });
        expect(o.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
      },
    },
    {
      name: 'nulls inside a new object are dropped',
      patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: null } } },
      expect: (o) => expect((o.spec as Any).strategy).toEqual({ type: 'Recreate' }),
    },
    {
      name: 'an object replaces a scalar',
      patch: { spec: { replicas: { weird: true, gone: null } } },
      expect: (o) => expect((o.spec as Any).replicas).toEqual({ weird: true }),
    },
    { name: 'deleting a missing key is a no-op', patch: { spec: { paused: null } }, expect: (o) => expect(o.spec).toEqual(obj().spec) },
    { name: 'empty patch is a no-op', patch: {}, expect: (o) => expect(o).toEqual(obj()) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const input = obj();
      c.expect(applyMergePatch(input, c.patch));
      expect(input).toEqual(obj());
    });
  }

  it('rejects a patch that is not an object with 400', () => {
    for (const p of [[1], 'x', null, 3]) {
      expect(() => applyMergePatch(obj(), p)).toThrow(expect.objectContaining({ status: 400, reason: 'BadRequest' }));
    }
  });

  const nullFree = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('null'));
  const record = fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), nullFree, { maxKeys: 6 });

  it('property: merging an object (without nulls) into itself is the identity', () => {
    fc.assert(
      fc.property(record, (extra) => {
        const o = obj({ extra });
        expect(applyMergePatch(o, o)).toEqual(o);
      }),
      { numRuns: 50 },
    );
  });

  it('property: applying the same patch twice equals applying it once (idempotence)', () => {
    fc.assert(
      fc.property(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.oneof(nullFree, fc.constant(null)), { maxKeys: 6 }), (extra, patch) => {
        const once = applyMergePatch(obj({ extra }), { extra: patch });
        expect(applyMergePatch(once, { extra: patch })).toEqual(once);
      }),
      { numRuns: 50 },
    );
  });
});
