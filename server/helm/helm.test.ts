/**
 * Helm releases end to end over real HTTPS against a sandbox holding records written the way Helm writes them:
 * lists from labels only, detail decoded as the person (restricted without Secret access), rollback writing what
 * `helm history` then shows, uninstall with and without history, and RBAC refusals that change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startAuthHarness, USERS, type AuthHarness } from '../auth/testing';
import { eventually } from '../watch/testing';
import { R } from '@wheelhouse/sandbox/testing';
import { applyHelmReleases } from '@wheelhouse/sandbox/testing';
import { helmDetailResponse, helmListResponse, helmRevisionContent } from '../../lib/helm/types';
import type { KObject } from '@wheelhouse/sandbox/testing';

let h: AuthHarness;
const as: Record<string, Browser> = {};
const C = '/api/clusters/auth-test';
const WEB = `${C}/helm/releases/shop/web-cache`;

const labelsOf = (ns: string, name: string) =>
  h.sandbox.client
    .list(R.secrets, { namespace: ns, labelSelector: `owner=helm,name=${name}` })
    .items.map((s) => s.metadata.labels!)
    .sort((a, b) => Number(a.version) - Number(b.version));

beforeAll(async () => {
  h = await startAuthHarness();
  const c = h.sandbox.client;
  for (const ns of ['shop', 'payments', 'monitoring']) c.create(R.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const [group, role] of [['viewers', 'view'], ['editors', 'edit']]) {
    c.create({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' }, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `wh-${group}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `wheelhouse:${group}` }],
    } as KObject);
  }
  // carol may read and write Helm's records in shop, but not the release's objects
  c.create({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' }, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'helm-records', namespace: 'shop' },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'create', 'update', 'delete'] }],
  } as KObject);
  c.create({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' }, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'carol-helm', namespace: 'shop' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'helm-records' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'carol' }],
  } as KObject);
  applyHelmReleases(c, false, Date.parse('2026-12-01T12:00:00Z'));
  for (const u of ['alice', 'carol', 'root'] as const) {
    as[u] = new Browser(h.url);
    expect((await as[u].login(u, USERS[u].password)).status).toBe(200);
  }
}, 60_000);
afterAll(async () => h?.close());

describe('release list', () => {
  it('lists every release from labels with chart columns, and never ships payloads', async () => {
    // the first list may answer before the chart columns are decoded (chartPending); they follow
    const text = await eventually(async () => {
      const res = await as.alice!.fetch(`${C}/helm/releases`);
      expect(res.status).toBe(200);
      const t = await res.text();
      return helmListResponse.parse(JSON.parse(t)).releases.some((r) => r.chartPending) ? undefined : t;
    }, 10_000, 'chart columns');
    const body = helmListResponse.parse(JSON.parse(text!));
    const by = Object.fromEntries(body.releases.map((r) => [`${r.namespace}/${r.name}`, r]));
    expect(by['shop/web-cache']).toMatchObject({ revision: 3, status: 'deployed', chart: 'memcached', chartVersion: '7.5.2', appVersion: '1.6.32', driver: 'secret' });
    expect(by['monitoring/kube-state-metrics']).toMatchObject({ revision: 2, status: 'failed', chartVersion: '5.27.0' });
    expect(by['payments/payments-gateway']).toMatchObject({ revision: 2, status: 'pending-upgrade' });
    expect(text!).not.toMatch(/manifest|MAX_ITEM_SIZE|"release"/);
    const all = helmListResponse.parse(await (await as.alice!.fetch('/api/helm/releases')).json());
    expect(all.releases).toHaveLength(3);
  });
});

describe('release detail', () => {
  it('shows history from labels but no values to a person who may not read Secrets, with the reason', async () => {
    const d = helmDetailResponse.parse(await (await as.alice!.fetch(WEB)).json());
    expect(d.current).toBeUndefined();
    expect(d.restricted).toMatch(/secrets/);
    expect(d.history.map((r) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'deployed']]);
    expect((await as.alice!.fetch(`${WEB}/revisions/1`)).status).toBe(403);
  });

  it('decodes values, computed values, manifest, notes, hooks and resources for who may', async () => {
    const d = helmDetailResponse.parse(await (await as.root!.fetch(WEB)).json());
    expect(d.restricted).toBeUndefined();
    expect(d.history[2]).toMatchObject({ revision: 3, status: 'deployed', chart: 'memcached', chartVersion: '7.5.2', appVersion: '1.6.32', description: 'Upgrade complete' });
    const cur = d.current!;
    expect(cur.values).toContain('MAX_ITEM_SIZE: 2m');
    expect(cur.computedValues).toContain('pullPolicy: IfNotPresent');
    expect(cur.computedValues).toContain('replicaCount: 2');
    expect(cur.manifest).toContain('# Source: memcached/templates/deployment.yaml');
    expect(cur.notes).toContain('port-forward svc/web-cache');
    expect(cur.hooks).toEqual([expect.objectContaining({ name: 'web-cache-flush', kind: 'Job', events: ['pre-upgrade'] })]);
    expect(cur.resources.map((r) => `${r.kind}/${r.name}@${r.resource}`)).toEqual(['ServiceAccount/web-cache@serviceaccounts', 'Service/web-cache@services', 'ConfigMap/web-cache-config@configmaps', 'Deployment/web-cache@deployments']);
    const r1 = helmRevisionContent.parse(await (await as.root!.fetch(`${WEB}/revisions/1`)).json());
    expect(r1.values).toBe('{}\n');
    const st = (await (await as.root!.fetch(`${WEB}/resources`)).json()) as { resources: { ref: { kind: string }; exists: boolean }[] };
    expect(st.resources.every((r) => r.exists)).toBe(true);
  });
});

describe('rollback', () => {
  it('is refused with the reasons when RBAC forbids any part, and changes nothing', async () => {
    const before = labelsOf('shop', 'web-cache');
    const viewer = await as.alice!.fetch(`${WEB}/rollback`, { method: 'POST', body: { revision: 2 } });
    expect(viewer.status).toBe(403);
    const carol = await as.carol!.fetch(`${WEB}/rollback`, { method: 'POST', body: { revision: 2 } });
    expect(carol.status).toBe(403);
    expect(((await carol.json()) as { message: string }).message).toMatch(/rollback refused: .*deployments/);
    expect(labelsOf('shop', 'web-cache')).toEqual(before);
    expect(h.sandbox.client.get(R.configmaps, 'shop', 'web-cache-config')).toBeDefined();
  });

  it('writes revision N+1 "Rollback to X", supersedes the deployed one and applies the target manifest', async () => {
    const res = await as.root!.fetch(`${WEB}/rollback`, { method: 'POST', body: { revision: 2 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ revision: 4 });
    // what `helm history web-cache` shows now
    const d = helmDetailResponse.parse(await (await as.root!.fetch(WEB)).json());
    expect(d.history.map((r) => [r.revision, r.status, r.chartVersion, r.description])).toEqual([
      [1, 'superseded', '7.4.0', 'Superseded'],
      [2, 'superseded', '7.4.0', 'Superseded'],
      [3, 'superseded', '7.5.2', 'Upgrade complete'],
      [4, 'deployed', '7.4.0', 'Rollback to 2'],
    ]);
    expect(labelsOf('shop', 'web-cache').map((l) => [l.version, l.status, l.owner, l.name])).toEqual([
      ['1', 'superseded', 'helm', 'web-cache'], ['2', 'superseded', 'helm', 'web-cache'], ['3', 'superseded', 'helm', 'web-cache'], ['4', 'deployed', 'helm', 'web-cache'],
    ]);
    // the ConfigMap only revision 3 had is gone; the Deployment is revision 2's, still Helm's
    expect(h.sandbox.client.get(R.configmaps, 'shop', 'web-cache-config')).toBeUndefined();
    const dep = h.sandbox.client.get(R.deployments, 'shop', 'web-cache') as KObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(dep.spec.template.spec.containers[0]!.image).toBe('memcached:1.6.31');
    expect(dep.metadata.labels!['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(dep.metadata.annotations!['meta.helm.sh/release-name']).toBe('web-cache');
    expect(d.current!.values).toBe('replicaCount: 2\n');
    expect(h.audit().find((a) => a.verb === 'helm-rollback' && a.result === 'success')).toMatchObject({ user: 'root', object: { resource: 'releases', namespace: 'shop', name: 'web-cache' } });
  });

  it('answers a clear error for a revision that does not exist', async () => {
    const res = await as.root!.fetch(`${WEB}/rollback`, { method: 'POST', body: { revision: 42 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('release has no 42 version');
  });
});

describe('uninstall', () => {
  const KSM = `${C}/helm/releases/monitoring/kube-state-metrics`;
  it('keeps history when asked, marking the release uninstalled and deleting its objects', async () => {
    const res = await as.root!.fetch(`${KSM}/uninstall`, { method: 'POST', body: { keepHistory: true } });
    expect(res.status).toBe(200);
    const last = labelsOf('monitoring', 'kube-state-metrics').at(-1)!;
    expect(last).toMatchObject({ version: '2', status: 'uninstalled' });
    expect(h.sandbox.client.get(R.deployments, 'monitoring', 'kube-state-metrics')).toBeUndefined();
    expect(h.sandbox.client.get(R.services, 'monitoring', 'kube-state-metrics')).toBeUndefined();
    const d = helmDetailResponse.parse(await (await as.root!.fetch(KSM)).json());
    expect(d.history.at(-1)).toMatchObject({ status: 'uninstalled', description: 'Uninstallation complete' });
    const again = await as.root!.fetch(`${KSM}/uninstall`, { method: 'POST', body: { keepHistory: true } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe('the release named "kube-state-metrics" is already deleted');
  });

  it('purges every record without keep-history; a viewer is refused', async () => {
    const GW = `${C}/helm/releases/payments/payments-gateway`;
    expect((await as.alice!.fetch(`${GW}/uninstall`, { method: 'POST', body: {} })).status).toBe(403);
    expect(h.sandbox.client.get(R.deployments, 'payments', 'payments-gateway')).toBeDefined();
    expect((await as.root!.fetch(`${GW}/uninstall`, { method: 'POST', body: {} })).status).toBe(200);
    expect(labelsOf('payments', 'payments-gateway')).toEqual([]);
    expect(h.sandbox.client.get(R.deployments, 'payments', 'payments-gateway')).toBeUndefined();
    expect((await as.root!.fetch(GW)).status).toBe(404);
  });
});
