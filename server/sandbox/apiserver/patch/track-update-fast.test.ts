/**
 * trackUpdate's fast path (a routine update that decodes no set, track-update.ts unchangedSets) and
 * the FieldsV1 checks it uses, against the general path: a JSON copy of the stored object is not
 * one of the module's own encodings, so tracking against the copy always takes the general path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { FieldSet, intersectsFieldsV1, isSubsetOfFieldsV1 } from './field-set';
import { serverSideApply, trackUpdate } from './index';
import { deploymentSchema, liveDeployment } from './schema-fixture';

const nav = deploymentSchema();
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const times = ['2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z', '2026-11-22T10:00:30Z', '2026-11-22T11:00:00Z'];

/**
 * One write: a manager sets or removes some labels, maybe replicas and the first image; manager
 * `ap` applies those labels and replicas instead (server-side apply, forced), which shares
 * ownership with the Update managers that set the same values.
 */
type Step = [manager: string, labels: Record<string, string | null>, replicas: number | undefined, image: string | undefined, t: number];

function apply(o: KObject, [, labels, replicas, image]: Step): KObject {
  const x = copy(o) as Any;
  delete x.metadata.managedFields; // as a PUT without managedFields sends it
  x.metadata.labels ??= {};
  for (const [k, v] of Object.entries(labels)) {
    if (v === null) delete x.metadata.labels[k];
    else x.metadata.labels[k] = v;
  }
  if (replicas !== undefined) x.spec.replicas = replicas;
  if (image !== undefined) x.spec.template.spec.containers[0].image = image;
  return x;
}

describe('trackUpdate fast path', () => {
  it('same manager, same fields: only its time moves, the stored encodings are reused', () => {
    const v1 = trackUpdate(undefined, liveDeployment(), 'ctl', nav, times[0]);
    const next = apply(v1, ['ctl', {}, 7, undefined, 0]);
    const v2 = trackUpdate(v1, next, 'ctl', nav, times[3]);
    const [e1, e2] = [(v1.metadata.managedFields as Any[])[0], (v2.metadata.managedFields as Any[])[0]];
    expect(e2.fieldsV1).toBe(e1.fieldsV1);
    expect(e2).toEqual({ ...e1, time: times[3] });
    expect(v2.metadata.managedFields).toEqual(trackUpdate(copy(v1), next, 'ctl', nav, times[3]).metadata.managedFields);
  });

  it('property: equals the general path for any sequence of writes by several managers', () => {
    const step = fc.tuple(
      fc.constantFrom('m1', 'm2', 'm3', 'ap'),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(fc.constantFrom('1', '2'), { nil: null }), { maxKeys: 3 }),
      fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      fc.option(fc.constantFrom('nginx:1', 'nginx:2'), { nil: undefined }),
      fc.integer({ min: 0, max: times.length - 1 }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        let o = trackUpdate(undefined, liveDeployment(), 'creator', nav, times[0]);
        for (const s of steps) {
          if (s[0] === 'ap') {
            const labels = Object.fromEntries(Object.entries(s[1]).filter(([, v]) => v !== null));
            const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels }, spec: { replicas: s[2] ?? 1 } };
            o = serverSideApply(o, config as KObject, { manager: 'ap', force: true, nav, now: times[s[4]] });
            continue;
          }
          const next = apply(o, s);
          const fast = trackUpdate(o, next, s[0], nav, times[s[4]]);
          const general = trackUpdate(copy(o), next, s[0], nav, times[s[4]]);
          expect(fast).toEqual(general);
          o = fast;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('FieldsV1 checks without decoding', () => {
  const pe = fc.constantFrom('f:a', 'f:b', 'k:{"name":"x"}', 'v:1', 'i:0');
  const rawSet: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constant({}),
      fc.dictionary(pe, tie('node') as fc.Arbitrary<Record<string, unknown>>, { maxKeys: 3 }).map((d) => d),
      fc.dictionary(pe, tie('node') as fc.Arbitrary<Record<string, unknown>>, { minKeys: 1, maxKeys: 3 }).map((d) => ({ '.': {}, ...d })),
    ),
  })).node as fc.Arbitrary<Record<string, unknown>>;

  it('property: isSubsetOfFieldsV1 and intersectsFieldsV1 agree with the decoded sets', () => {
    fc.assert(
      fc.property(rawSet, rawSet, (a, b) => {
        const sa = FieldSet.fromFieldsV1(a).prune();
        const sb = FieldSet.fromFieldsV1(b);
        expect(isSubsetOfFieldsV1(sa, b)).toBe(sa.isSubsetOf(sb));
        expect(intersectsFieldsV1(sa, b)).toBe(sa.intersects(sb));
      }),
      { numRuns: 500 },
    );
  });
});
