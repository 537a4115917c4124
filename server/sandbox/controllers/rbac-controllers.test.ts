/**
 * The RBAC-related controllers on a running sandbox: clusterrole-aggregation (a ClusterRole labelled
 * aggregate-to-view flows into view, then edit and admin, and out again when deleted) and the legacy
 * ServiceAccount token controller (a service-account-token Secret gets a working token that dies with its
 * account). Waits on watches, not timers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, openWatch, request, startTestCluster, type TestCluster, type WatchLine } from '../apiserver/test-helpers';

let c: TestCluster;
beforeAll(async () => {
  if (!hasKubectl) return;
  c = await startTestCluster({ name: 'rbac-ctl', noRuntime: false, scenario: 'empty', speed: 20 });
});
afterAll(async () => {
  await c?.stop();
});

// a served kind view does not cover (kubectl sends unknown resources with group "", as on a real cluster)
const STORAGE_RULE = { verbs: ['get', 'list'], apiGroups: ['storage.k8s.io'], resources: ['storageclasses'] };
const hasStorageRule = (o: { rules?: unknown[] } | undefined) => !!o?.rules?.some((r) => JSON.stringify(r) === JSON.stringify(STORAGE_RULE));
/** the latest state of each named object seen on a watch */
const latest = (ev: WatchLine[], name: string) => ev.filter((e) => e.object?.metadata?.name === name).at(-1)?.object;

describe.skipIf(!hasKubectl)('clusterrole-aggregation', () => {
  it('a ClusterRole labelled aggregate-to-view extends view, edit and admin, and can-i follows', async () => {
    const w = openWatch(c, '/apis/rbac.authorization.k8s.io/v1/clusterroles?watch=true&resourceVersion=0');
    await w.ready;
    const created = await request(c, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'storage-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
        rules: [STORAGE_RULE],
      },
    });
    expect(created.status).toBe(201);
    await w.waitFor((ev) => ['view', 'edit', 'admin'].every((n) => hasStorageRule(latest(ev, n))));
    const r = await kubectl(c, ['auth', 'can-i', 'list', 'storageclasses.storage.k8s.io', '--as', 'v', '--as-group', 'g']);
    expect(r.stdout.trim()).toBe('no');
    await kubectl(c, ['create', 'clusterrolebinding', 'g-view', '--clusterrole=view', '--group=g']);
    const yes = await kubectl(c, ['auth', 'can-i', 'list', 'storageclasses.storage.k8s.io', '--as', 'v', '--as-group', 'g']);
    expect(yes.stdout.trim()).toBe('yes');

    await kubectl(c, ['delete', 'clusterrole', 'storage-view']);
    await w.waitFor((ev) => ['view', 'edit', 'admin'].every((n) => !hasStorageRule(latest(ev, n))));
    const no = await kubectl(c, ['auth', 'can-i', 'list', 'storageclasses.storage.k8s.io', '--as', 'v', '--as-group', 'g']);
    expect(no.stdout.trim()).toBe('no');
    w.close();
  });
});

describe.skipIf(!hasKubectl)('service-account-token controller', () => {
  it('fills a service-account-token Secret whose token authenticates until the account is deleted', async () => {
    await kubectl(c, ['create', 'serviceaccount', 'legacy']);
    const w = openWatch(c, '/api/v1/namespaces/default/secrets?watch=true&resourceVersion=0&fieldSelector=metadata.name=legacy-token');
    await w.ready;
    const made = await request(c, 'POST', '/api/v1/namespaces/default/secrets', {
      body: { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'legacy-token', annotations: { 'kubernetes.io/service-account.name': 'legacy' } } },
    });
    expect(made.status).toBe(201);
    const ev = await w.waitFor((e) => !!e.at(-1)?.object?.data?.token);
    const secret = ev.at(-1)!.object;
    expect(Buffer.from(secret.data.namespace, 'base64').toString()).toBe('default');
    expect(secret.data['ca.crt']).toBeTruthy();
    const sa = (await request(c, 'GET', '/api/v1/namespaces/default/serviceaccounts/legacy')).json;
    expect(secret.metadata.annotations['kubernetes.io/service-account.uid']).toBe(sa.metadata.uid);

    const token = Buffer.from(secret.data.token, 'base64').toString();
    const who = await kubectl(c, ['--token', token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(who.stdout).toBe('system:serviceaccount:default:legacy');
    // a forged token with the same claims but another signature is refused
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA`;
    expect((await request(c, 'GET', '/api/v1/namespaces/default/pods', { token: forged })).status).toBe(401);

    await kubectl(c, ['delete', 'serviceaccount', 'legacy']);
    await w.waitFor((e) => e.some((x) => x.type === 'DELETED'));
    expect((await request(c, 'GET', '/api/v1/namespaces/default/pods', { token })).status).toBe(401);
    w.close();
  });
});
