import { describe, expect, it } from 'vitest';
import { kindByResource } from '../registry';
import { columnsFromPrinterColumns } from '../crd';
import { podSummary, restartsText } from '../machinery/pod-status';
import { RowCache } from '../table-model';
import type { K8sObject } from '../types';
import { projectRow, sameRow, type RowObject } from './project';

const pod: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '7',
    labels: { app: 'web' },
    annotations: { big: 'x'.repeat(1000) },
    creationTimestamp: '2024-01-01T00:00:00Z',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-a', uid: 'rs', controller: true, blockOwnerDeletion: true }],
  },
  spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx', env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '100m' } } }] },
  status: {
    phase: 'Running',
    podIP: '10.0.0.1',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'c', ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { finishedAt: '2024-01-01T00:03:00Z' } } }],
  },
};
const pods = kindByResource('', 'pods')!;

describe('list rows', () => {
  it('keep the cells and the metadata a list needs, not the object', () => {
    const row = projectRow(pods.columns, pod);
    expect(Object.keys(row).sort()).toEqual(['aux', 'cells', 'metadata']);
    expect(row.metadata).toEqual({
      name: 'web-1', namespace: 'shop', uid: 'u1', resourceVersion: '7', labels: { app: 'web' }, creationTimestamp: '2024-01-01T00:00:00Z',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-a', uid: 'rs', controller: true }],
    });
    const byId = Object.fromEntries(pods.columns.map((c, i) => [c.id, row.cells[i]]));
    expect(byId).toMatchObject({ name: 'web-1', namespace: 'shop', ready: '1/1', status: 'Running', restarts: 3, node: 'n1', ip: '10.0.0.1', cpu: null, memory: null });
    expect(JSON.stringify(row).length).toBeLessThan(JSON.stringify(pod).length / 2);
  });

  it('render in the browser, from the row alone, what the object would show', () => {
    const row = JSON.parse(JSON.stringify(projectRow(pods.columns, pod))) as RowObject; // as received
    const now = Date.parse('2024-01-01T00:05:00Z');
    const r = new RowCache(pods.columns, { now }).row(row);
    const restarts = pods.columns.find((c) => c.id === 'restarts')!;
    expect(restarts.display!(r.obj, { now })).toBe(restartsText(podSummary(pod), now));
    expect(r.haystack).toContain('app=web');
    const jobs = kindByResource('batch', 'jobs')!;
    const job: K8sObject = { metadata: { name: 'j' }, status: { startTime: '2024-01-01T00:00:00Z', completionTime: '2024-01-01T00:01:30Z' } };
    const duration = jobs.columns.find((c) => c.id === 'duration')!;
    expect(duration.display!(projectRow(jobs.columns, job), { now })).toBe('90s');
    expect(duration.display!(projectRow(jobs.columns, { ...job, status: { startTime: job.status.startTime } }), { now })).toBe('5m');
  });

  it('compare by what they show: a new resourceVersion alone is no change, a label is', () => {
    const a = projectRow(pods.columns, pod);
    const b = projectRow(pods.columns, { ...pod, metadata: { ...pod.metadata, resourceVersion: '8', annotations: {} } });
    expect(sameRow(a, b)).toBe(true);
    expect(sameRow(a, projectRow(pods.columns, { ...pod, metadata: { ...pod.metadata, labels: { app: 'db' } } }))).toBe(false);
    expect(sameRow(a, projectRow(pods.columns, { ...pod, status: { ...pod.status, podIP: '10.0.0.2' } }))).toBe(false);
  });

  it('evaluate a custom resource’s printer columns through their JSONPaths', () => {
    const cols = columnsFromPrinterColumns(true, [
      { name: 'Color', type: 'string', jsonPath: '.spec.color' },
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
      { name: 'Hidden', type: 'string', jsonPath: '.spec.hidden', priority: 1 },
    ]);
    const row = projectRow(cols, { metadata: { name: 'w', namespace: 'n' }, spec: { color: 'red', size: 3, hidden: 'h' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(row.cells.slice(0, 5)).toEqual(['w', 'n', 'red', 'True', 3]);
    expect(row.cells).toHaveLength(6); // + Age
  });
});
