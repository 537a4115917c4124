import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../k8s/types';
import { RowCache, filterRows, sortRows } from '../k8s/table-model';
import { usageColumns } from './columns';
import { buildUsageIndex, selectorString, usageOf } from './usage-model';
import type { UsageNow } from './api';

const now: UsageNow = {
  available: true,
  intervalMs: 15_000,
  at: 1,
  labelSets: [{ app: 'web', 'pod-template-hash': 'a' }, { app: 'db' }],
  pods: [
    ['shop', 'web-a-1', 0.1, 100 * 2 ** 20, 0],
    ['shop', 'web-a-2', 0.3, 300 * 2 ** 20, 0],
    ['shop', 'db-0', 0.5, 2 ** 30, 1],
    ['other', 'web-x', 9, 9, 0],
  ],
  nodes: [['n1', 1, 2 ** 30]],
};

const pod = (name: string, cpu = '200m'): K8sObject => ({
  metadata: { name, namespace: 'shop' },
  spec: { containers: [{ name: 'c', resources: { requests: { cpu, memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } }] },
});
const deploy: K8sObject = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: pod('t').spec } },
};

describe('usage model and columns', () => {
  const idx = buildUsageIndex(now);

  it('sums the pods a workload selects, in its namespace only', () => {
    expect(usageOf(idx, deploy, 'workload')).toEqual({ cpu: 0.4, memory: 400 * 2 ** 20, pods: 2 });
    expect(usageOf(idx, { ...deploy, spec: { ...deploy.spec, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] } } }, 'workload')?.pods).toBe(1);
    expect(usageOf(idx, { ...deploy, spec: { selector: {} } }, 'workload')).toBeNull();
    expect(selectorString({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x', 'y'] }] })).toBe('app=web,tier notin (x,y)');
  });

  it('shows usage with shares of request and limit, sorts by usage and filters on the text', () => {
    const cols = usageColumns('pod');
    const cache = new RowCache(cols, { now: 0, usage: idx });
    const rows = cache.rows([pod('web-a-1'), pod('web-a-2'), pod('db-0', '1'), pod('gone')]);
    expect(cols[0].display!(rows[0].obj, { now: 0, usage: idx })).toBe('100m · 50% of request · 10% of limit');
    expect(cols[1].display!(rows[2].obj, { now: 0, usage: idx })).toBe('1Gi · 400% of request · 200% of limit');
    expect(sortRows(rows, cols, { columnId: 'cpu', desc: true }).map((r) => r.obj.metadata.name)).toEqual(['db-0', 'web-a-2', 'web-a-1', 'gone']);
    expect(filterRows(rows, '150% of request').map((r) => r.obj.metadata.name)).toEqual(['web-a-2']);
  });

  it('leaves cells empty, with the reason, when the cluster serves no metrics API', () => {
    const none = buildUsageIndex({ ...now, available: false, reason: 'no metrics API', pods: [], nodes: [] });
    expect(usageOf(none, pod('web-a-1'), 'pod')).toBeNull();
    expect(none.reason).toBe('no metrics API');
  });
});
