import { describe, expect, it } from 'vitest';
import { fingerprint, normalizeObject } from './normalize';

const live = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'migrate',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl' }],
    labels: { app: 'migrate', 'batch.kubernetes.io/controller-uid': 'u-1' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'db' },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'o-9', controller: true }],
  },
  spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } }, template: { metadata: { labels: { 'controller-uid': 'u-1', app: 'migrate' } } } },
  status: { succeeded: 1 },
};

describe('normalizeObject', () => {
  it('leaves out what the cluster assigns and keeps what was declared, keys sorted', () => {
    expect(normalizeObject(live)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { annotations: { team: 'db' }, labels: { app: 'migrate' }, name: 'migrate', ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: 'nightly' }] },
      spec: { selector: { matchLabels: {} }, template: { metadata: { labels: { app: 'migrate' } } } },
    });
    expect(Object.keys(normalizeObject({ kind: 'X', spec: { b: 1, a: 2 } }).spec as object)).toEqual(['a', 'b']);
  });

  it('drops the fields a cluster allocates for a Service', () => {
    const svc = { kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ port: 80 }] } };
    expect(normalizeObject(svc).spec).toEqual({ ports: [{ port: 80 }] });
  });

  it('projects onto the change history’s recorded view', () => {
    expect(normalizeObject(live, { shape: 'recorded' })).toEqual({
      metadata: { annotations: { team: 'db' }, labels: { app: 'migrate' } },
      spec: { selector: { matchLabels: {} }, template: { metadata: { labels: { app: 'migrate' } } } },
    });
  });

  it('fingerprints equal content equally whatever the key order', () => {
    const a = normalizeObject({ kind: 'ConfigMap', metadata: { name: 'c', uid: '1' }, data: { x: '1', y: '2' } });
    const b = normalizeObject({ data: { y: '2', x: '1' }, metadata: { uid: '2', name: 'c' }, kind: 'ConfigMap' });
    expect(fingerprint(a)).toBe(fingerprint(b));
  });
});
