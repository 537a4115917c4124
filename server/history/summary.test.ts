import { describe, expect, it } from 'vitest';
import { diffViews } from './diff';
import { recordedView, sha256Of } from './normalize';
import { summarize } from './summary';
import { actorFromManager, latestManager } from './actor';

const deploy = (image: string, replicas: number, labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', resourceVersion: '1', labels, managedFields: [{ manager: 'kubectl' }] },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
  status: { replicas, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: 't1', lastTransitionTime: 't0' }] },
});
const D = { group: 'apps', resource: 'deployments' };
const line = (a: object, b: object, t = D) => {
  const x = recordedView(a, t);
  const y = recordedView(b, t);
  return summarize('updated', x, y, diffViews(x, y));
};

describe('recorded view', () => {
  it('keeps spec, labels and conditions without heartbeats, drops metadata noise and status', () => {
    const v = recordedView({ ...deploy('nginx:1', 2), metadata: { ...deploy('nginx:1', 2).metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } }, D);
    expect(v).toEqual({
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
      metadata: { labels: { app: 'web' } },
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: 't0' }] },
    });
  });
  it('keeps secret key names and hashes, never values', () => {
    const v = recordedView({ kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') }, stringData: { x: 'y' } }, { group: '', resource: 'secrets' });
    expect(v).toEqual({ type: 'Opaque', data: { password: sha256Of(Buffer.from('hunter2').toString('base64')) } });
    expect(JSON.stringify(v)).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(String((v.data as Record<string, string>).password)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('keeps of a pod only phase, Ready and restarts from status and drops the binding', () => {
    const v = recordedView(
      {
        metadata: { name: 'p' },
        spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'i' }] },
        status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }, { type: 'PodScheduled', status: 'True' }], containerStatuses: [{ restartCount: 2 }] },
      },
      { group: '', resource: 'pods' },
    );
    expect(v).toEqual({ spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], restarts: 2 } });
  });
});

describe('summary', () => {
  it('names image and replica changes', () => {
    expect(line(deploy('nginx:1.25', 2), deploy('nginx:1.27', 5))).toBe('image web=nginx:1.25 → nginx:1.27; replicas 2 → 5');
  });
  it('names labels added, removed and changed', () => {
    expect(line(deploy('a', 1, {}), deploy('a', 1, { app: 'x' }))).toBe('label app added');
    expect(line(deploy('a', 1, { app: 'x', tier: 'f' }), deploy('a', 1, { app: 'y' }))).toBe('label tier removed; label app x → y');
  });
  it('names taints, cordon and condition transitions of a node', () => {
    const N = { group: '', resource: 'nodes' };
    const node = (unschedulable: boolean, ready: string) => ({
      metadata: { name: 'n' },
      spec: unschedulable ? { unschedulable, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } : {},
      status: { conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: String(Math.random()) }] },
    });
    expect(line(node(false, 'False'), node(true, 'True'), N)).toBe('Ready False → True; taint node.kubernetes.io/unschedulable added; cordoned');
    // heartbeats alone change nothing
    expect(diffViews(recordedView(node(false, 'True'), N), recordedView(node(false, 'True'), N))).toEqual([]);
  });
  it('names keys of ConfigMaps and Secrets', () => {
    const C = { group: '', resource: 'configmaps' };
    expect(line({ metadata: { name: 'c' }, data: { a: '1', c: '3' } }, { metadata: { name: 'c' }, data: { a: '2', b: '2' } }, C)).toBe('keys added: b; keys removed: c; keys changed: a');
  });
  it('names other fields by path, with short values', () => {
    const a = { metadata: { name: 'svc' }, spec: { type: 'ClusterIP', ports: [{ port: 80 }] } };
    const b = { metadata: { name: 'svc' }, spec: { type: 'NodePort', ports: [{ port: 8080 }] } };
    expect(line(a, b, { group: '', resource: 'services' })).toBe('spec.ports.0.port 80 → 8080; spec.type ClusterIP → NodePort');
  });
  it('diff entries carry before and after', () => {
    const d = diffViews(recordedView(deploy('a', 1), D), recordedView(deploy('b', 1), D));
    expect(d).toEqual([{ path: '/spec/template/spec/containers/0/image', op: 'replace', before: 'a', after: 'b' }]);
  });
});

describe('actor', () => {
  it('takes the newest managedFields entry and marks controllers', () => {
    const mf = [
      { manager: 'kubectl-client-side-apply', time: '2026-01-01T00:00:00Z' },
      { manager: 'kube-controller-manager', time: '2026-01-01T00:00:05Z', subresource: 'status' },
      { manager: 'kubectl-edit', time: '2026-01-01T00:00:03Z' },
    ];
    expect(latestManager(mf)?.manager).toBe('kube-controller-manager');
    expect(actorFromManager('kube-controller-manager')).toEqual({ name: 'kube-controller-manager', via: 'controller', manager: 'kube-controller-manager' });
    expect(actorFromManager('deployment-controller').via).toBe('controller');
    expect(actorFromManager('kubectl-edit')).toEqual({ name: 'kubectl-edit', via: 'manager', manager: 'kubectl-edit' });
    expect(actorFromManager(undefined).via).toBe('unknown');
  });
});

describe('who changed it when writers share the newest second', () => {
  it('picks the newest writer that owns a changed field', async () => {
    const { newestManagers, pickManager, ownsPath } = await import('./actor');
    const mf = [
      { manager: 'carol', operation: 'Update', time: '2026-12-07T18:57:58Z', fieldsV1: { 'f:data': { 'f:k': {} } } },
      { manager: 'kubectl-create', operation: 'Update', time: '2026-12-07T18:57:58Z', fieldsV1: { 'f:data': {} } },
      { manager: 'old', operation: 'Update', time: '2026-12-07T18:00:00Z', fieldsV1: { 'f:data': { 'f:k': {} } } },
    ];
    const tied = newestManagers(mf);
    expect(tied.map((t) => t.manager)).toEqual(['carol', 'kubectl-create']);
    expect(pickManager(tied, ['/data/k'])).toBe('carol');
    expect(ownsPath({ 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } }, '/spec/containers/0/image')).toBe(true);
    expect(ownsPath({ 'f:spec': { 'f:replicas': {} } }, '/spec/template')).toBe(false);
  });
});
