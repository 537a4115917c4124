/** The sandbox through @kubernetes/client-node 1.4, as the BFF uses it: typed APIs, watch, informer, patches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type V1ConfigMap,
  type V1Deployment,
} from '@kubernetes/client-node';
import { eventually, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  c = await startTestCluster({ name: 'cn', historyLimit: 100, bookmarkIntervalMs: 200 });
  kc = new KubeConfig();
  kc.loadFromString(c.kubeconfig);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: 'cn' } } });
});
afterAll(async () => {
  await c?.stop();
});

const deployment = (name: string): V1Deployment => ({
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  },
});

describe('client-node', () => {
  it('lists with paging and selectors', async () => {
    for (let i = 0; i < 12; i++) {
      await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: `cm-${i}`, labels: { grp: i % 2 ? 'odd' : 'even' } } } });
    }
    const first = await core.listNamespacedConfigMap({ namespace: 'cn', limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.metadata?._continue).toBeTruthy();
    const rest = await core.listNamespacedConfigMap({ namespace: 'cn', limit: 100, _continue: first.metadata!._continue });
    expect(first.items.length + rest.items.length).toBe(12);
    const odd = await core.listNamespacedConfigMap({ namespace: 'cn', labelSelector: 'grp in (odd)' });
    expect(odd.items).toHaveLength(6);
  });

  it('surfaces 404 and 409 as ApiException with the Status body', async () => {
    const err = await core.readNamespacedConfigMap({ namespace: 'cn', name: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code).toBe(404);
    const cm = await core.readNamespacedConfigMap({ namespace: 'cn', name: 'cm-0' });
    await core.replaceNamespacedConfigMap({ namespace: 'cn', name: 'cm-0', body: { ...cm, data: { a: '1' } } });
    const conflict = await core.replaceNamespacedConfigMap({ namespace: 'cn', name: 'cm-0', body: { ...cm, data: { a: '2' } } }).catch((e: unknown) => e);
    expect((conflict as ApiException<string>).code).toBe(409);
    expect(JSON.parse((conflict as ApiException<string>).body as string).reason).toBe('Conflict');
  });

  it('applies every patch type', async () => {
    await apps.createNamespacedDeployment({ namespace: 'cn', body: deployment('p') });
    const merge = await apps.patchNamespacedDeployment(
      { namespace: 'cn', name: 'p', body: { spec: { replicas: 2 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merge.spec?.replicas).toBe(2);
    const json = await apps.patchNamespacedDeployment(
      { namespace: 'cn', name: 'p', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(json.spec?.replicas).toBe(3);
    const smp = await apps.patchNamespacedDeployment(
      { namespace: 'cn', name: 'p', body: { spec: { template: { spec: { containers: [{ name: 'side', image: 'busybox' }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    // strategic merge keys containers by name: both containers remain
    expect(smp.spec?.template.spec?.containers.map((x) => x.name).sort()).toEqual(['side', 'web']);
    const ssa = await apps.patchNamespacedDeployment(
      {
        namespace: 'cn',
        name: 'ssa',
        fieldManager: 'tester',
        body: { apiVersion: 'apps/v1', kind: 'Deployment', ...deployment('ssa') },
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(ssa.metadata?.managedFields?.some((m) => m.manager === 'tester' && m.operation === 'Apply')).toBe(true);
    const other = await apps
      .patchNamespacedDeployment(
        { namespace: 'cn', name: 'ssa', fieldManager: 'other', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa' }, spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      )
      .catch((e: unknown) => e);
    expect((other as ApiException<string>).code).toBe(409);
  });

  it('watches, and resumes or gets 410 Expired', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'cn' });
    const rv = list.metadata!.resourceVersion!;
    const seen: string[] = [];
    const w = new Watch(kc);
    let done: unknown = 'open';
    const ctl = await w.watch(
      '/api/v1/namespaces/cn/configmaps',
      { resourceVersion: rv, allowWatchBookmarks: true },
      (type, obj: V1ConfigMap) => seen.push(`${type}:${obj.metadata?.name ?? ''}`),
      (err) => (done = err),
    );
    await core.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'watched' } } });
    await core.deleteNamespacedConfigMap({ namespace: 'cn', name: 'watched' });
    await eventually(() => seen.includes('DELETED:watched'));
    expect(seen.filter((s) => s.endsWith(':watched'))).toEqual(['ADDED:watched', 'DELETED:watched']);
    ctl.abort();
    void done;
    // churn past the retained history (in-process: TLS handshakes per client-node request are slow here)
    for (let i = 0; i < 120; i++) c.client.patch({ group: '', version: 'v1', resource: 'configmaps' }, 'cn', 'cm-1', 'merge', { data: { i: String(i) } });
    const errs: unknown[] = [];
    await w.watch('/api/v1/namespaces/cn/configmaps', { resourceVersion: rv }, (type, obj) => errs.push({ type, obj }), () => {});
    await eventually(() => errs.length > 0);
    expect(errs[0]).toMatchObject({ type: 'ERROR', obj: { code: 410, reason: 'Expired' } });
  });

  it('feeds an informer that lists, watches and sees changes', async () => {
    const inf = makeInformer(kc, '/apis/apps/v1/namespaces/cn/deployments', () => apps.listNamespacedDeployment({ namespace: 'cn' }));
    const added: string[] = [];
    const updated: string[] = [];
    const deleted: string[] = [];
    inf.on('add', (d) => added.push(d.metadata!.name!));
    inf.on('update', (d) => updated.push(`${d.metadata!.name}:${d.spec?.replicas}`));
    inf.on('delete', (d) => deleted.push(d.metadata!.name!));
    await inf.start();
    await eventually(() => added.includes('p') && added.includes('ssa'));
    await apps.createNamespacedDeployment({ namespace: 'cn', body: deployment('inf') });
    await apps.patchNamespacedDeploymentScale({ namespace: 'cn', name: 'inf', body: { spec: { replicas: 4 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await apps.deleteNamespacedDeployment({ namespace: 'cn', name: 'inf' });
    await eventually(() => deleted.includes('inf'));
    expect(added).toContain('inf');
    expect(updated).toContain('inf:4');
    expect(inf.list().map((d) => d.metadata?.name).sort()).toEqual(['p', 'ssa']);
    await inf.stop();
  });
});
