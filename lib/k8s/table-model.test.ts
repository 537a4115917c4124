import { describe, expect, it } from 'vitest';
import { RowCache, filterNamespaces, filterRows, sortRows } from './table-model';
import { kindByResource } from './registry';
import type { K8sObject } from './types';

const pods = kindByResource('', 'pods')!;

function mkPod(i: number, ns = 'default', phase = 'Running'): K8sObject {
  return {
    metadata: { name: `pod-${i}`, namespace: ns, uid: `u${i}`, labels: { app: i % 2 ? 'odd' : 'even' }, creationTimestamp: new Date(1_700_000_000_000 + i * 1000).toISOString() },
    spec: { containers: [{ name: 'c' }], nodeName: `node-${i % 3}` },
    status: { phase, podIP: `10.0.${i >> 8}.${i & 255}`, containerStatuses: [{ name: 'c', ready: phase === 'Running', restartCount: i % 7, state: phase === 'Running' ? { running: {} } : { waiting: { reason: 'CrashLoopBackOff' } } }] },
  } as K8sObject;
}

describe('table model', () => {
  it('caches rows per object identity', () => {
    const cache = new RowCache(pods.columns, { now: 0 });
    const a = mkPod(1);
    expect(cache.row(a)).toBe(cache.row(a));
    expect(cache.row({ ...a })).not.toBe(cache.row(a));
  });
  it('filters by all terms, including labels', () => {
    const cache = new RowCache(pods.columns, { now: 0 });
    const rows = cache.rows([mkPod(1), mkPod(2), mkPod(3, 'default', 'Failed')]);
    expect(filterRows(rows, 'crashloop').map((r) => r.id)).toEqual(['default/pod-3']);
    expect(filterRows(rows, 'app=odd POD-1').map((r) => r.id)).toEqual(['default/pod-1']);
    expect(filterRows(rows, '  ')).toBe(rows);
  });
  it('sorts naturally, numerically, both directions, empties last', () => {
    const cache = new RowCache(pods.columns, { now: 0 });
    const items = [mkPod(10), mkPod(2), mkPod(1)];
    const noNode = mkPod(5);
    delete noNode.spec.nodeName;
    const rows = cache.rows([...items, noNode]);
    expect(sortRows(rows, pods.columns, { columnId: 'name', desc: false }).map((r) => r.obj.metadata.name)).toEqual(['pod-1', 'pod-2', 'pod-5', 'pod-10']);
    expect(sortRows(rows, pods.columns, { columnId: 'restarts', desc: true }).map((r) => r.values[4])).toEqual([5, 3, 2, 1]);
    expect(sortRows(rows, pods.columns, { columnId: 'node', desc: true }).at(-1)!.obj.metadata.name).toBe('pod-5');
    // age ascending = youngest first
    expect(sortRows(rows, pods.columns, { columnId: 'age', desc: false })[0].obj.metadata.name).toBe('pod-10');
  });
  it('filters namespaces client-side only for multi-namespace selections', () => {
    const items = [mkPod(1, 'a'), mkPod(2, 'b'), mkPod(3, 'c')];
    expect(filterNamespaces(items, ['a', 'c']).map((o) => o.metadata.name)).toEqual(['pod-1', 'pod-3']);
    expect(filterNamespaces(items, [])).toBe(items);
  });
  it('builds, sorts and filters 10,000 rows (their speed is bench:ui\'s sortMs/filterMs, not timed here)', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => mkPod(i, 'scale', i % 50 ? 'Running' : 'Failed'));
    const cache = new RowCache(pods.columns, { now: 0 });
    const rows = cache.rows(items);
    expect(rows).toHaveLength(10_000);
    expect(cache.rows(items)[0]).toBe(rows[0]);
    const sorted = sortRows(rows, pods.columns, { columnId: 'name', desc: true });
    expect(sorted[0].obj.metadata.name).toBe('pod-9999');
    expect(filterRows(rows, 'pod-99').map((r) => r.obj.metadata.name)).toEqual(items.filter((o) => o.metadata.name.includes('pod-99')).map((o) => o.metadata.name));
  });
});
