/** Strategic merge patch: fallback to merge-patch semantics and property tests. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { applyMergePatch, applyStrategicMergePatch } from './index';
import { deploymentSchema, liveDeployment as live } from './schema-fixture';

const nav = deploymentSchema();
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const containers = (o: KObject): Any[] => (o.spec as Any).template.spec.containers;

describe('applyStrategicMergePatch without schema falls back to merge patch', () => {
  it('lists are replaced when the schema is unknown', () => {
    const out = applyStrategicMergePatch(live(), { spec: { template: { spec: { containers: [{ name: 'x' }] } } } }, undefined);
    expect(containers(out)).toEqual([{ name: 'x' }]);
  });

  it('unknown fields under a known schema merge like merge patch', () => {
    const base = { ...live(), extra: { list: [1, 2], m: { a: 1 } } } as KObject;
    const out = applyStrategicMergePatch(base, { extra: { list: [3], m: { b: 2 } } }, nav);
    expect(out.extra).toEqual({ list: [3], m: { a: 1, b: 2 } });
  });

  const key = fc.constantFrom('a', 'b', 'c', 'spec', 'x');
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
  })).v;
  const doc = fc.dictionary(key, value, { maxKeys: 4 });

  it('property: with no schema and no directives, strategic == merge patch', () => {
    fc.assert(
      fc.property(doc, doc, (extra, patch) => {
        const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, extra } as KObject;
        expect(applyStrategicMergePatch(base, { extra: patch }, undefined)).toEqual(applyMergePatch(base, { extra: patch }));
      }),
    );
  });

  it('property: patching the live object with itself changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(live()), (o) => {
        expect(applyStrategicMergePatch(o, structuredClone(o), nav)).toEqual(o);
      }),
      { numRuns: 5 },
    );
  });
});

describe('applyStrategicMergePatch: merge-list properties', () => {
  const name = fc.constantFrom('A', 'B', 'C', 'D', 'E');
  const env = fc.uniqueArray(fc.record({ name, value: fc.constantFrom('1', '2', '3') }), { selector: (e) => e.name, maxLength: 5 });
  const patchItem = fc.oneof(
    fc.record({ name, value: fc.constantFrom('x', 'y') }),
    fc.record({ name, $patch: fc.constant('delete' as const) }),
  );
  const patchList = fc.uniqueArray(patchItem, { selector: (e) => e.name, maxLength: 5 });

  it('property: items are keyed by name: union minus deleted, patch values win, no duplicates', () => {
    fc.assert(
      fc.property(env, patchList, (liveEnv, p) => {
        const base = live();
        containers(base)[0].env = liveEnv;
        const out = applyStrategicMergePatch(base, { spec: { template: { spec: { containers: [{ name: 'nginx', env: p }] } } } }, nav);
        const got: { name: string; value?: string }[] = containers(out)[0].env ?? [];
        const deleted = new Set(p.filter((x) => '$patch' in x).map((x) => x.name));
        const expected = new Map<string, string | undefined>();
        for (const e of liveEnv) if (!deleted.has(e.name)) expected.set(e.name, e.value);
        for (const e of p) if (!('$patch' in e)) expected.set(e.name, e.value);
        expect(new Set(got.map((e) => e.name)).size).toBe(got.length);
        expect(Object.fromEntries(got.map((e) => [e.name, e.value]))).toEqual(Object.fromEntries(expected));
        expect(JSON.stringify(got)).not.toContain('$patch');
      }),
    );
  });
});
