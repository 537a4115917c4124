/**
 * Workload operations over real HTTPS against a sandbox cluster with its simulated controllers and
 * kubelets: scale and delete (through the generic resource routes, with preconditions), history, rollback
 * (deployment and statefulset), restart, pause/resume, cordon and drain honouring a PodDisruptionBudget; every write leaves an audit line.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError } from '../../lib/protocol';
import { historyResponse, type HistoryResponse } from '../../lib/k8s/rollout';
import type { K8sObject } from '../../lib/k8s/types';
import { createAuditLog, type AuditLog } from '../audit';
import { eventually, startHarness, type Harness } from '../watch/testing';

let h: Harness;
let audit: AuditLog;
const lines: string[] = [];
const NS = 'ops-test';
const C = '/api/clusters/ops-test';
const DEPLOY = `${C}/workloads/apps/v1/deployments/web`;
const q = `?namespace=${NS}`;

const req = (method: string, url: string, body?: unknown) =>
  h.app.inject({ method: method as 'GET', url, ...(body !== undefined ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
const get = async <T = K8sObject>(url: string) => (await req('GET', url)).json() as T;
const createRes = (resource: string, obj: unknown, group = 'apps') => req('POST', `${C}/resources/${group === '' ? 'core' : group}/v1/${resource}${q}`, obj);
const deployment = () => get(`${C}/resources/apps/v1/deployments/web${q}`);
const setImage = (image: string) =>
  h.app.inject({
    method: 'PATCH',
    url: `${C}/resources/apps/v1/deployments/web${q}`,
    payload: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'web', image }] } } } }),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
  });
const history = async (url = DEPLOY) => historyResponse.parse(await get(`${url}/history${q}`));

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  audit = createAuditLog({ destination: sink });
  h = await startHarness({ name: 'ops-test', sandbox: { noRuntime: false, scenario: 'empty', speed: 25 }, dataPlane: { audit } });
  await eventually(() => h.dp.registry.get('ops-test')?.state === 'connected', 10_000, 'connected');
  expect((await req('POST', `${C}/resources/core/v1/namespaces`, { metadata: { name: NS } })).statusCode).toBe(201);
  const labels = { app: 'web' };
  const r = await createRes('deployments', {
    metadata: { name: 'web', namespace: NS },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  });
  expect(r.statusCode).toBe(201);
}, 30_000);
afterAll(async () => h?.close());

describe('scale (the generic scale subresource route)', () => {
  const SCALE = `${C}/resources/apps/v1/deployments/web/scale${q}`;
  const patchScale = (body: unknown) => h.app.inject({ method: 'PATCH', url: SCALE, payload: JSON.stringify(body), headers: { 'content-type': 'application/merge-patch+json' } });

  it('scales conditionally on the resourceVersion the user saw, and audits it as a scale', async () => {
    // settled: no controller writes status while the test reads the version it acts on
    const settled = (await eventually(async () => {
      const d = await deployment();
      return d.status?.readyReplicas === 2 && d.status?.observedGeneration === d.metadata.generation && d;
    }, 15_000, '2 ready')) as K8sObject;
    const seen = settled.metadata.resourceVersion!;
    const r = await patchScale({ metadata: { resourceVersion: seen }, spec: { replicas: 3 } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'Scale', spec: { replicas: 3 } });
    await eventually(async () => (await deployment()).status?.readyReplicas === 3, 15_000, '3 ready');
    expect(audit.recent().at(-1)).toMatchObject({ user: 'local', cluster: 'ops-test', verb: 'scale', result: 'success', message: 'replicas=3', object: { resource: 'deployments/scale', namespace: NS, name: 'web' } });
    const line = JSON.parse(lines.at(-1)!);
    expect(Object.keys(line)).toEqual(expect.arrayContaining(['time', 'user', 'cluster', 'verb', 'object', 'result']));
    expect(line).not.toHaveProperty('level');

    // the version the user chose on is gone (the object moved on since): a conflict, never an overwrite
    const stale = await patchScale({ metadata: { resourceVersion: seen }, spec: { replicas: 1 } });
    expect(apiError.parse(stale.json())).toMatchObject({ status: 409, reason: 'Conflict' });
    expect((await deployment()).spec.replicas).toBe(3);
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'scale', result: 'failure', status: 409 });
  }, 20_000);

  it('rejects bad counts and kinds without a scale subresource', async () => {
    expect((await patchScale({ spec: { replicas: -1 } })).statusCode).toBe(422);
    const bad = await h.app.inject({ method: 'PATCH', url: `${C}/resources/core/v1/configmaps/x/scale${q}`, payload: '{}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(bad.statusCode).toBe(400);
    const missing = await h.app.inject({ method: 'PATCH', url: `${C}/resources/apps/v1/deployments/nope/scale${q}`, payload: JSON.stringify({ spec: { replicas: 1 } }), headers: { 'content-type': 'application/merge-patch+json' } });
    expect(apiError.parse(missing.json())).toMatchObject({ status: 404, reason: 'NotFound' });
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'scale', result: 'failure', status: 404 });
  });
});

describe('history and rollback', () => {
  it('lists revisions from ReplicaSets and rolls back with a new revision recorded', async () => {
    expect((await setImage('nginx:1.26')).statusCode).toBe(200);
    await eventually(async () => (await history()).revisions.length === 2, 10_000, 'revision 2');
    expect((await setImage('nginx:1.27')).statusCode).toBe(200);
    const h3 = (await eventually(async () => {
      const x = await history();
      return x.revisions.length === 3 && x;
    }, 10_000, 'revision 3')) as HistoryResponse;
    expect(h3.kind).toBe('Deployment');
    expect(h3.revisions.map((r) => [r.revision, r.images[0], r.current])).toEqual([
      [1, 'nginx:1.25', false],
      [2, 'nginx:1.26', false],
      [3, 'nginx:1.27', true],
    ]);

    const rb = await req('POST', `${DEPLOY}/rollback${q}`, { revision: 1 });
    expect(rb.statusCode).toBe(200);
    expect(rb.json()).toMatchObject({ skipped: false, revision: 1 });
    const d = await deployment();
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(d.spec.template.metadata.labels).not.toHaveProperty('pod-template-hash');
    const after = (await eventually(async () => {
      const x = await history();
      return x.revisions.some((r) => r.revision === 4 && r.images[0] === 'nginx:1.25' && r.current) && x;
    }, 10_000, 'revision 4')) as HistoryResponse;
    expect(after.revisions.map((r) => r.revision)).toEqual([2, 3, 4]);
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'rollback', result: 'success', message: 'rolled back to revision 1' });

    // a stale resourceVersion (the user saw an older object) is a conflict, not an overwrite
    const stale = await req('POST', `${DEPLOY}/rollback${q}`, { revision: 2, resourceVersion: d.metadata.resourceVersion === '1' ? '2' : '1' });
    expect(apiError.parse(stale.json())).toMatchObject({ status: 409, reason: 'Conflict' });
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'rollback', result: 'failure', status: 409 });

    // the same template again is a no-op, an unknown revision a typed 404
    expect((await req('POST', `${DEPLOY}/rollback${q}`, { revision: 4 })).json()).toMatchObject({ skipped: true });
    expect((await req('POST', `${DEPLOY}/rollback${q}`, { revision: 99 })).statusCode).toBe(404);
  }, 30_000);

  it('restart stamps restartedAt and creates a new ReplicaSet', async () => {
    const before = (await history()).revisions.map((r) => r.name);
    const r = await req('POST', `${DEPLOY}/restart${q}`);
    expect(r.statusCode).toBe(200);
    expect((r.json() as K8sObject).spec.template.metadata.annotations).toHaveProperty(['kubectl.kubernetes.io/restartedAt']);
    const fresh = await eventually(async () => (await history()).revisions.find((x) => !before.includes(x.name)), 10_000, 'new ReplicaSet');
    expect(fresh).toMatchObject({ current: true, template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': expect.any(String) } } } });
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'restart', result: 'success' });
  }, 20_000);

  it('pause stops rollouts until resume; paused deployments refuse restart and rollback', async () => {
    expect((await req('POST', `${DEPLOY}/pause${q}`)).statusCode).toBe(200);
    expect((await deployment()).spec.paused).toBe(true);
    const revs = (await history()).revisions.length;
    expect((await setImage('nginx:1.28')).statusCode).toBe(200);
    const restart = await req('POST', `${DEPLOY}/restart${q}`);
    expect(restart.statusCode).toBe(400);
    expect(restart.json().message).toMatch(/paused/);
    expect((await req('POST', `${DEPLOY}/rollback${q}`, { revision: 0 })).statusCode).toBe(400);
    // the controller observes the new generation without creating a ReplicaSet
    await eventually(async () => {
      const d = await deployment();
      return d.status?.observedGeneration === d.metadata.generation;
    }, 10_000, 'observed');
    expect((await history()).revisions.length).toBe(revs);
    expect((await req('POST', `${DEPLOY}/resume${q}`)).statusCode).toBe(200);
    await eventually(async () => (await history()).revisions.some((r) => r.images[0] === 'nginx:1.28'), 10_000, 'rollout after resume');
    expect((await req('POST', `${C}/workloads/apps/v1/statefulsets/web/pause${q}`)).statusCode).toBe(400);
  }, 30_000);

  it('statefulset history comes from ControllerRevisions and rolls back by strategic merge', async () => {
    const labels = { app: 'db' };
    expect(
      (
        await createRes('statefulsets', {
          metadata: { name: 'db', namespace: NS },
          spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'db', image: 'pg:15' }] } } },
        })
      ).statusCode,
    ).toBe(201);
    const STS = `${C}/workloads/apps/v1/statefulsets/db`;
    await eventually(async () => (await history(STS)).revisions.length === 1, 10_000, 'cr 1');
    const patch = await h.app.inject({
      method: 'PATCH',
      url: `${C}/resources/apps/v1/statefulsets/db${q}`,
      payload: JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'db', image: 'pg:16' }] } } } }),
      headers: { 'content-type': 'application/strategic-merge-patch+json' },
    });
    expect(patch.statusCode).toBe(200);
    const two = (await eventually(async () => {
      const x = await history(STS);
      return x.revisions.length === 2 && x;
    }, 10_000, 'cr 2')) as HistoryResponse;
    expect(two.kind).toBe('StatefulSet');
    expect(two.revisions.map((r) => r.images[0])).toEqual(['pg:15', 'pg:16']);
    const rb = await req('POST', `${STS}/rollback${q}`, { revision: 1 });
    expect(rb.statusCode).toBe(200);
    const sts = await get(`${C}/resources/apps/v1/statefulsets/db${q}`);
    expect(sts.spec.template.spec.containers[0].image).toBe('pg:15');
    const stale = await req('POST', `${STS}/rollback${q}`, { revision: 2, resourceVersion: sts.metadata.resourceVersion === '1' ? '2' : '1' });
    expect(apiError.parse(stale.json())).toMatchObject({ status: 409, reason: 'Conflict' });
  }, 20_000);
});

describe('delete, cordon, drain', () => {
  it('deletes through the generic route with a propagation policy and a uid precondition, and audits it', async () => {
    const RES = `${C}/resources/core/v1/configmaps/cm${q}`;
    const del = (url: string, body?: unknown) => req('DELETE', url, body);
    const made = (await createRes('configmaps', { metadata: { name: 'cm' }, data: { a: '1' } }, '')).json() as K8sObject;
    // a precondition naming another object (the user saw an earlier one of the same name) is a conflict
    const other = await del(`${RES}&propagationPolicy=Foreground`, { preconditions: { uid: 'not-this-one' } });
    expect(apiError.parse(other.json())).toMatchObject({ status: 409, reason: 'Conflict' });
    expect((await req('GET', RES)).statusCode).toBe(200);
    const r = await del(`${RES}&propagationPolicy=Foreground`, { preconditions: { uid: made.metadata.uid } });
    expect(r.statusCode).toBe(200);
    expect((await req('GET', RES)).statusCode).toBe(404);
    expect(audit.recent().at(-1)).toMatchObject({ verb: 'delete', result: 'success', message: 'propagationPolicy=Foreground' });
    expect((await del(`${RES}&propagationPolicy=Sideways`)).statusCode).toBe(400);
    expect((await del(RES, { preconditions: { uid: 'x' }, orphanDependents: true })).statusCode).toBe(400);
    // the old /workloads routes for plain writes are gone
    expect((await del(`${C}/workloads/core/v1/configmaps/cm${q}`)).statusCode).toBe(404);
  });

  it('cordons and uncordons a node', async () => {
    const nodes = await get<{ items: K8sObject[] }>(`${C}/resources/core/v1/nodes`);
    const node = nodes.items[0].metadata.name;
    expect((await req('POST', `${C}/nodes/${node}/cordon`)).json().spec.unschedulable).toBe(true);
    expect((await req('POST', `${C}/nodes/${node}/uncordon`)).json().spec.unschedulable).toBeFalsy();
    expect((await req('POST', `${C}/nodes/no-such-node/cordon`)).statusCode).toBe(404);
  });

  it('drains a node: evicts non-DaemonSet pods, retries a PDB-blocked pod until the deadline, streams per-pod results', async () => {
    // a settled rollout first: pods already terminating are evicted regardless of budgets, as upstream does
    await eventually(async () => {
      const d = await deployment();
      return d.status?.updatedReplicas === d.spec.replicas && d.status?.replicas === d.spec.replicas;
    }, 15_000, 'rollout settled');
    const pods = await get<{ items: K8sObject[] }>(`${C}/resources/core/v1/pods${q}&labelSelector=app%3Dweb`);
    const live = pods.items.filter((p) => p.spec?.nodeName && !p.metadata.deletionTimestamp);
    const node = live[0].spec.nodeName as string;
    const blocked = live.filter((p) => p.spec.nodeName === node).map((p) => p.metadata.name);
    // a budget that allows no disruption blocks every web pod (a budget without status allows none, as upstream before the PDB is processed)
    await createRes('poddisruptionbudgets', { metadata: { name: 'web' }, spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } } }, 'policy');
    const r = await req('POST', `${C}/nodes/${node}/drain`, { timeoutSeconds: 2 });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/ndjson/);
    const out = r.body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ type: 'start', node });
    const results = out.filter((l) => l.type === 'pod');
    const web = results.filter((l) => blocked.includes(l.name));
    expect(web.length).toBeGreaterThan(0);
    for (const l of web) {
      expect(l).toMatchObject({ result: 'failed' });
      expect(l.message).toMatch(/disruption budget/);
      expect(l.attempts).toBeGreaterThan(1);
    }
    expect(out.at(-1)).toMatchObject({ type: 'done' });
    expect((await get(`${C}/resources/core/v1/nodes/${node}`)).spec.unschedulable).toBe(true);
    await eventually(() => audit.recent().some((e) => e.verb === 'drain' && e.result === 'failure'), 5_000, 'drain audit');

    // without the budget the drain completes and the node keeps no web pods
    expect((await req('DELETE', `${C}/resources/policy/v1/poddisruptionbudgets/web${q}`)).statusCode).toBe(200);
    const ok = (await req('POST', `${C}/nodes/${node}/drain`, { timeoutSeconds: 20 })).body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(ok.at(-1)).toMatchObject({ type: 'done', failed: 0 });
    const left = await get<{ items: K8sObject[] }>(`${C}/resources/core/v1/pods?fieldSelector=spec.nodeName%3D${node}`);
    expect(left.items.filter((p) => p.metadata.namespace === NS && !p.metadata.deletionTimestamp)).toEqual([]);
  }, 30_000);
});
