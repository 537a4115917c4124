/** Property tests of server-side apply and its agreement with the other write paths. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { serverSideApply, trackUpdate } from './index';
import { deploymentSchema } from './schema-fixture';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const nav = deploymentSchema();
const T = '2026-11-22T10:00:00Z';

const labelsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('1', '2'), { maxKeys: 4 });
const envArb = fc.uniqueArray(fc.record({ name: fc.constantFrom('X', 'Y', 'Z', 'W'), value: fc.constantFrom('1', '2') }), {
  selector: (e) => e.name,
  maxLength: 4,
});
const cfgArb = fc.record({ labels: labelsArb, env: envArb, replicas: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) });

function cfg(c: { labels: Record<string, string>; env: { name: string; value: string }[]; replicas?: number }): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: c.labels },
    spec: {
      ...(c.replicas === undefined ? {} : { replicas: c.replicas }),
      template: { spec: { containers: [{ name: 'main', image: 'x', env: c.env }] } },
    },
  };
}

const apply = (live: KObject | undefined, c: KObject, manager = 'm') => serverSideApply(live, c, { manager, force: false, nav, now: T });

describe('server-side apply properties', () => {
  it('a single applier is fully declarative: the object is exactly its latest configuration', () => {
    fc.assert(
      fc.property(fc.array(cfgArb, { minLength: 1, maxLength: 5 }), (configs) => {
        let o: KObject | undefined;
        for (const c of configs) o = apply(o, cfg(c));
        const last = configs[configs.length - 1];
        const out = o as Any;
        expect(out.metadata.labels ?? {}).toEqual(last.labels);
        expect(out.spec.template.spec.containers[0].env ?? []).toEqual(last.env);
        expect(out.spec.replicas).toBe(last.replicas);
      }),
      { numRuns: 60 },
    );
  });

  it('two appliers of the same configuration never conflict and both own all of it', () => {
    fc.assert(
      fc.property(cfgArb, (c) => {
        const a = apply(undefined, cfg(c), 'alice');
        const b = apply(a, cfg(c), 'bob');
        expect(b.spec).toEqual(a.spec);
        const sets = (b.metadata.managedFields as Any[]).map((e) => e.fieldsV1);
        expect(sets).toHaveLength(2);
        expect(sets[0]).toEqual(sets[1]);
      }),
      { numRuns: 30 },
    );
  });

  it('re-applying the same configuration is a no-op', () => {
    fc.assert(
      fc.property(cfgArb, (c) => {
        const once = apply(undefined, cfg(c));
        expect(apply(once, cfg(c))).toEqual(once);
      }),
      { numRuns: 40 },
    );
  });

  it('two appliers never lose each other\'s labels, and conflicts only happen on differing values', () => {
    fc.assert(
      fc.property(labelsArb, labelsArb, (la, lb) => {
        const a = apply(undefined, cfg({ labels: la, env: [] }), 'alice');
        let out: KObject;
        try {
          out = apply(a, cfg({ labels: lb, env: [] }), 'bob');
        } catch (e) {
          const clash = Object.keys(lb).filter((k) => k in la && la[k] !== lb[k]);
          expect(clash.length).toBeGreaterThan(0);
          expect((e as Any).causes.map((c: Any) => c.field).sort()).toEqual(clash.map((k) => `.metadata.labels.${k}`).sort());
          return;
        }
        expect(out.metadata.labels ?? {}).toEqual({ ...la, ...lb });
      }),
      { numRuns: 60 },
    );
  });

  it('after any mix of applies and updates, every owned label exists on the object', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('apply' as const), who: fc.constantFrom('a1', 'a2'), labels: labelsArb }),
      fc.record({ kind: fc.constant('update' as const), who: fc.constantFrom('u1', 'u2'), labels: labelsArb }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), (steps) => {
        let o: KObject = trackUpdate(undefined, cfg({ labels: {}, env: [] }), 'creator', nav, T);
        for (const s of steps) {
          if (s.kind === 'apply') {
            o = serverSideApply(o, cfg({ labels: s.labels, env: [] }), { manager: s.who, force: true, nav, now: T });
          } else {
            const next = structuredClone(o);
            next.metadata.labels = s.labels;
            o = trackUpdate(o, next, s.who, nav, T);
          }
        }
        for (const e of (o.metadata.managedFields ?? []) as Any[]) {
          for (const k of Object.keys(e.fieldsV1['f:metadata']?.['f:labels'] ?? {})) {
            if (k !== '.') expect(o.metadata.labels ?? {}).toHaveProperty(k.slice(2));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
