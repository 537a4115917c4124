/**
 * Equivalence of lib/k8s/machinery with the copies it replaces, before they are deleted: where an old copy was
 * right (upstream's behaviour), the machinery gives the same answer on random input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as M from '../lib/k8s/machinery';
import * as watchSel from './watch/label-selector';
import * as storeSel from './sandbox/store/selectors';
import * as ctlSel from './sandbox/controllers/lib/selectors';
import { selectorString as uiSelectorString } from '../lib/k8s/kinds/workloads';
import { selectorString as scaleSelectorString } from './sandbox/apiserver/scale';
import { parseQuantity as libQ } from '../lib/k8s/quantity';
import { parseQuantity as srvQ } from './k8s/quantity';
import { parseQuantity as sbxQ } from './sandbox/controllers/lib/quantity';
import { humanDuration as libHD } from '../lib/k8s/age';
import { humanDuration as sbxHD } from './sandbox/apiserver/table-columns';
import { deepEqual as metaEq } from './sandbox/apiserver/meta';
import { deepEqual as jsonEq } from './sandbox/apiserver/patch/json-value';
import { deepEqual as mergeEq } from '../lib/yaml/merge3';
import { podSummary as libPod } from '../lib/k8s/kinds/pod';

const key = fc.constantFrom('app', 'tier', 'env', 'example.com/x', 'n');
const val = fc.constantFrom('a', 'b', 'web', '1', '5', '');
const labels = fc.dictionary(key, val, { maxKeys: 4 });
const expr = fc.record({
  key,
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
  values: fc.array(val.filter((v) => v !== ''), { minLength: 1, maxLength: 3 }),
});
const labelSelector = fc.record({ matchLabels: fc.dictionary(key, val, { maxKeys: 3 }), matchExpressions: fc.array(expr, { maxLength: 3 }) }, { requiredKeys: [] });
const obj = (l: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: l } });

describe('label selectors keep the old copies\' answers', () => {
  it('matching a LabelSelector agrees with the controllers\' matcher', () => {
    fc.assert(fc.property(fc.option(labelSelector, { nil: undefined }), labels, (sel, l) => M.matchesLabelSelector(sel, l) === ctlSel.matchesSelector(sel, l)));
  });
  it('the string form selects what the old strings selected, through both old parsers and the new one', () => {
    fc.assert(
      fc.property(labelSelector, labels, (sel, l) => {
        const s = M.labelSelectorToString(sel);
        const want = ctlSel.matchesSelector(sel, l);
        const oldStrings = [ctlSel.selectorToString(sel), uiSelectorString(sel), scaleSelectorString(sel)];
        for (const o of oldStrings) expect(M.matchesRequirements(M.parseSelector(o), l)).toBe(want);
        expect(M.matchesRequirements(M.parseSelector(s), l)).toBe(want);
        expect(watchSel.matchesSelector(watchSel.parseLabelSelector(s), l)).toBe(want);
        expect(storeSel.parseLabelSelector(s)?.(obj(l)) ?? true).toBe(want);
      }),
    );
  });
  it('a selector string matches as both old parsers matched it', () => {
    const req = fc.oneof(
      fc.tuple(key, fc.constantFrom('=', '==', '!='), val).map(([k, op, v]) => `${k}${op}${v}`),
      fc.tuple(key, fc.constantFrom('in', 'notin'), fc.array(val.filter((v) => v !== ''), { minLength: 1, maxLength: 3 })).map(([k, op, vs]) => `${k} ${op} (${vs.join(',')})`),
      key,
      key.map((k) => `!${k}`),
    );
    fc.assert(
      fc.property(fc.array(req, { maxLength: 4 }), labels, (parts, l) => {
        const s = parts.join(',');
        const reqs = M.parseSelector(s);
        expect(M.matchesRequirements(reqs, l)).toBe(watchSel.matchesSelector(watchSel.parseLabelSelector(s), l));
        expect(M.matchesRequirements(reqs, l)).toBe(storeSel.parseLabelSelector(s)?.(obj(l)) ?? true);
        // the printed form parses back to the same meaning
        expect(M.matchesRequirements(M.parseSelector(M.requirementsToString(reqs)), l)).toBe(M.matchesRequirements(reqs, l));
      }),
    );
  });
  it('rejects what both old parsers rejected', () => {
    // an empty set and a trailing comma were accepted by the old copies; upstream rejects both
    for (const bad of ['a=b=c', 'a in b', ',', 'a=(x)', '%=1', '-bad=1', 'app=(x', 'a in ()', 'a=b,']) expect(() => M.parseSelector(bad)).toThrow(M.SelectorError);
  });
});

describe('quantities keep the old parsers\' values for well-formed input', () => {
  const q = fc.tuple(
    fc.oneof(fc.nat({ max: 100000 }).map(String), fc.tuple(fc.nat(999), fc.nat(999)).map(([a, b]) => `${a}.${b}`)),
    fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-2', 'e+1'),
  ).map(([n, s]) => n + s);
  it('same number as every old copy', () => {
    fc.assert(
      fc.property(q, (s) => {
        const v = M.parseQuantity(s);
        expect(v).not.toBeNull();
        expect(v).toBeCloseTo(libQ(s)!, 6);
        expect(v).toBeCloseTo(srvQ(s), 6);
        expect(v).toBeCloseTo(sbxQ(s), 6);
      }),
    );
  });
  it('malformed is null (the old copies said null or 0)', () => {
    for (const bad of ['', 'abc', '1.2.3', '1Qi', '--1', '1e', '.']) {
      expect(M.parseQuantity(bad)).toBeNull();
      expect(libQ(bad) ?? 0).toBe(0);
    }
  });
});

describe('durations, equality and pod status', () => {
  it('HumanDuration agrees with both copies', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000, max: 20 * 365 * 86_400_000 }), (ms) => M.humanDuration(ms) === libHD(ms) && M.humanDuration(ms) === sbxHD(ms)));
  });
  it('deepEqual agrees with all three copies on JSON values', () => {
    const j = fc.jsonValue({ maxDepth: 3 });
    fc.assert(fc.property(j, j, (a, b) => [metaEq(a, b), jsonEq(a, b), mergeEq(a, b)].every((x) => x === M.deepEqual(a, b))));
    fc.assert(fc.property(j, (a) => M.deepEqual(a, structuredClone(a)) && jsonEq(a, structuredClone(a))));
  });
  it('pod STATUS agrees with the console copy', () => {
    const state = fc.oneof(
      fc.constant({ running: {} }),
      fc.record({ waiting: fc.record({ reason: fc.constantFrom('CrashLoopBackOff', 'PodInitializing', 'ContainerCreating') }) }),
      fc.record({ terminated: fc.record({ exitCode: fc.constantFrom(0, 1, 137), reason: fc.constantFrom('Completed', 'Error', '') }) }),
    );
    const cs = fc.record({ name: fc.constantFrom('a', 'b', 'i'), ready: fc.boolean(), started: fc.boolean(), restartCount: fc.nat(5), state });
    const pod = fc.record({
      metadata: fc.record({ name: fc.constant('p'), deletionTimestamp: fc.option(fc.constant('2024-01-01T00:00:00Z'), { nil: undefined }) }),
      spec: fc.record({ containers: fc.constant([{ name: 'a' }, { name: 'b' }]), initContainers: fc.constant([{ name: 'i', restartPolicy: 'Always' }, { name: 'j' }]) }),
      status: fc.record({
        phase: fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed'),
        containerStatuses: fc.array(cs, { maxLength: 2 }),
        initContainerStatuses: fc.array(cs, { maxLength: 2 }),
        conditions: fc.array(fc.record({ type: fc.constantFrom('Ready', 'Initialized', 'PodScheduled'), status: fc.constantFrom('True', 'False'), reason: fc.constantFrom('SchedulingGated', '') }), { maxLength: 3 }),
      }),
    });
    fc.assert(fc.property(pod, (p) => {
      expect(M.podSummary(p)).toEqual(libPod(p as never));
    }));
  });
});
