import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanForEdit, restoreHidden, toYaml } from './clean';
import { createMergePatch } from './merge-patch';
import { threeWayMerge } from './merge3';
import { deepEqual } from '../k8s/machinery/equal';

const deployment = (image: string, replicas: number, rv: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', resourceVersion: rv, labels: { app: 'web' } },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'web', image }, { name: 'sidecar', image: 'busybox' }] } },
  },
});

describe('threeWayMerge', () => {
  it('combines non-overlapping changes and takes the server resourceVersion', () => {
    const base = deployment('nginx:1.25', 2, '10');
    const mine = deployment('nginx:1.27', 2, '10');
    const theirs = deployment('nginx:1.25', 5, '12');
    const r = threeWayMerge(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.merged).toEqual(deployment('nginx:1.27', 5, '12'));
  });

  it('merges lists of named items per item', () => {
    const base = deployment('a', 1, '1');
    const mine = deployment('a', 1, '1');
    (mine.spec.template.spec.containers[1] as { image: string }).image = 'busybox:2';
    const theirs = deployment('b', 1, '2');
    const r = threeWayMerge(base, mine, theirs);
    expect(r.conflicts).toEqual([]);
    const containers = (r.merged.spec as typeof base.spec).template.spec.containers;
    expect(containers).toEqual([{ name: 'web', image: 'b' }, { name: 'sidecar', image: 'busybox:2' }]);
  });

  it('reports a field both sides changed differently and keeps the user value', () => {
    const r = threeWayMerge(deployment('a', 1, '1'), deployment('mine', 1, '1'), deployment('theirs', 1, '2'));
    expect(r.conflicts).toEqual(['spec.template.spec.containers[web].image']);
    expect(JSON.stringify(r.merged)).toContain('"mine"');
  });

  it('honours deletions on either side', () => {
    const base = { metadata: { name: 'x', labels: { a: '1', b: '2' } } };
    const mine = { metadata: { name: 'x', labels: { a: '1' } } };
    const theirs = { metadata: { name: 'x', labels: { a: '1', b: '2', c: '3' } } };
    expect(threeWayMerge(base, mine, theirs).merged).toEqual({ metadata: { name: 'x', labels: { a: '1', c: '3' } } });
  });

  it('property: merging with an unchanged side yields the other side', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), fc.dictionary(fc.string(), json), (base, other) => {
        const b = JSON.parse(JSON.stringify(base));
        const o = JSON.parse(JSON.stringify(other));
        expect(deepEqual(threeWayMerge(b, b, o).merged, o)).toBe(true);
        expect(deepEqual(threeWayMerge(b, o, b).merged, o)).toBe(true);
      }),
    );
  });
});

describe('cleanForEdit / restoreHidden', () => {
  it('hides managedFields and status but keeps resourceVersion', () => {
    const o = { metadata: { name: 'x', resourceVersion: '7', managedFields: [{}] }, spec: {}, status: { a: 1 } };
    expect(cleanForEdit(o)).toEqual({ metadata: { name: 'x', resourceVersion: '7' }, spec: {} });
    expect(cleanForEdit(o, { showManaged: true })).toEqual(o);
    expect(restoreHidden(cleanForEdit(o), o).status).toEqual({ a: 1 });
  });

  it('renders YAML without folding long lines', () => {
    expect(toYaml({ a: 'x'.repeat(200) }).split('\n').length).toBe(2);
  });
});

describe('createMergePatch', () => {
  it('contains only changes and nulls for removals', () => {
    expect(createMergePatch({ a: 1, b: { c: 1, d: 2 }, e: 1 }, { a: 1, b: { c: 2, d: 2 }, f: 1 })).toEqual({ b: { c: 2 }, e: null, f: 1 });
  });
});

describe('editableContent', () => {
  it('ignores status, resourceVersion, managedFields and last-applied', async () => {
    const { editableContent } = await import('./clean');
    const a = { metadata: { name: 'x', resourceVersion: '1', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, spec: { a: 1 }, status: { r: 1 } };
    const b = { metadata: { name: 'x', resourceVersion: '2', managedFields: [] }, spec: { a: 1 }, status: { r: 2 } };
    expect(deepEqual(editableContent(a), editableContent(b))).toBe(true);
    expect(deepEqual(editableContent(a), editableContent({ ...b, spec: { a: 2 } }))).toBe(false);
  });
});

describe('prototype-shaped keys', () => {
  it('treats valueOf and __proto__ as ordinary keys', () => {
    const base = JSON.parse('{"valueOf":null}');
    const theirs = JSON.parse('{"__proto__":{"polluted":1}}');
    const r = threeWayMerge(base, base, theirs);
    expect(Object.prototype.hasOwnProperty.call(r.merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(createMergePatch({}, theirs))).toEqual(['__proto__']);
  });
});
