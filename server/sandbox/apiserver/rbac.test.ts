/**
 * Authentication, impersonation and RBAC of the sandbox through the real kubectl (v1.32) and raw HTTPS:
 * `kubectl auth can-i [--list] --as/--as-group`, bindings taking effect on the next request, upstream's
 * 403 Status bodies, ServiceAccount tokens from `kubectl create token`, and impersonation refused to a
 * requester without the impersonate verb.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const k = async (...args: string[]) => kubectl(c, args);
/** kubectl that must succeed; returns stdout */
const ok = async (...args: string[]) => {
  const r = await k(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const canI = async (...args: string[]) => (await k('auth', 'can-i', ...args)).stdout.trim();
const as = (user: string, group?: string) => ['--as', user, ...(group ? ['--as-group', group] : [])];

beforeAll(async () => {
  if (!hasKubectl) return;
  c = await startTestCluster({ name: 'rbac' });
  await ok('create', 'namespace', 'team-a');
  for (const [who, role] of [['viewers', 'view'], ['editors', 'edit'], ['admins', 'cluster-admin']]) {
    await ok('create', 'clusterrolebinding', `wheelhouse-${who}`, `--clusterrole=${role}`, `--group=wheelhouse:${who}`);
  }
});
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl auth can-i with the bootstrap roles', () => {
  it('view reads most namespaced kinds but no secrets and writes nothing', async () => {
    const v = as('jane', 'wheelhouse:viewers');
    const answers = await Promise.all([
      canI('list', 'pods', '-n', 'default', ...v),
      canI('watch', 'deployments.apps', '-n', 'team-a', ...v),
      canI('get', 'pods', '--subresource=log', '-n', 'default', ...v),
      canI('delete', 'pods', '-n', 'default', ...v),
      canI('get', 'secrets', '-n', 'default', ...v),
      canI('list', 'nodes', ...v),
      canI('create', 'roles.rbac.authorization.k8s.io', '-n', 'default', ...v),
    ]);
    expect(answers).toEqual(['yes', 'yes', 'yes', 'no', 'no', 'no', 'no']);
  });

  it('edit adds writes, secrets and exec but not RBAC; cluster-admin can do anything', async () => {
    const e = as('ed', 'wheelhouse:editors');
    const a = as('ada', 'wheelhouse:admins');
    const answers = await Promise.all([
      canI('delete', 'pods', '-n', 'default', ...e),
      canI('get', 'secrets', '-n', 'default', ...e),
      canI('create', 'pods', '--subresource=exec', '-n', 'default', ...e),
      canI('create', 'rolebindings.rbac.authorization.k8s.io', '-n', 'default', ...e),
      canI('delete', 'nodes', ...a),
      canI('get', '/logs', ...a),
    ]);
    expect(answers).toEqual(['yes', 'yes', 'yes', 'no', 'yes', 'yes']);
  });

  it('a Role and RoleBinding made with kubectl take effect (and stop) on the next request, resourceNames included', async () => {
    const bob = as('bob');
    expect(await canI('get', 'configmaps/app', '-n', 'team-a', ...bob)).toBe('no');
    await ok('create', 'role', 'cm-reader', '--verb=get', '--resource=configmaps', '--resource-name=app', '-n', 'team-a');
    await ok('create', 'rolebinding', 'bob-cm', '--role=cm-reader', '--user=bob', '-n', 'team-a');
    expect(await Promise.all([
      canI('get', 'configmaps/app', '-n', 'team-a', ...bob),
      canI('get', 'configmaps/other', '-n', 'team-a', ...bob),
      canI('get', 'configmaps/app', '-n', 'default', ...bob),
    ])).toEqual(['yes', 'no', 'no']);
    await ok('delete', 'rolebinding', 'bob-cm', '-n', 'team-a');
    expect(await canI('get', 'configmaps/app', '-n', 'team-a', ...bob)).toBe('no');
  });

  it('admin bound in one namespace manages RBAC there only; --list shows the rules', async () => {
    await ok('create', 'rolebinding', 'carol-admin', '--clusterrole=admin', '--user=carol', '-n', 'team-a');
    expect(await Promise.all([
      canI('create', 'rolebindings.rbac.authorization.k8s.io', '-n', 'team-a', ...as('carol')),
      canI('create', 'rolebindings.rbac.authorization.k8s.io', '-n', 'default', ...as('carol')),
      canI('get', 'namespaces/team-a', ...as('carol')),
    ])).toEqual(['yes', 'no', 'no']);
    const list = await ok('auth', 'can-i', '--list', '-n', 'default', ...as('jane', 'wheelhouse:viewers'));
    const row = (res: string) => list.split('\n').find((l) => l.split(/\s+/)[0] === res);
    expect(row('pods')).toMatch(/\[get list watch\]$/);
    expect(row('deployments.apps')).toMatch(/\[get list watch\]$/);
    expect(row('secrets')).toBeUndefined();
    expect(list).toContain('selfsubjectaccessreviews.authorization.k8s.io');
  });

  it('kubectl auth whoami reports the token user and the impersonated identity', async () => {
    expect(await ok('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}'))
      .toBe('sandbox-admin ["system:masters","system:authenticated"]');
    expect(await ok('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}', ...as('jane', 'wheelhouse:viewers')))
      .toBe('jane ["wheelhouse:viewers","system:authenticated"]');
  });
});

describe.skipIf(!hasKubectl)('403 and 401 answers', () => {
  const jane = { 'Impersonate-User': 'jane', 'Impersonate-Group': 'wheelhouse:viewers' };
  const forbidden = (message: string, details: Record<string, string>) => ({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403,
  });

  it('is upstream\'s Forbidden Status for named, list, cluster-scope and non-resource requests', async () => {
    const [named, list, cluster, grouped, path] = await Promise.all([
      request(c, 'GET', '/api/v1/namespaces/default/secrets/db', { headers: jane }),
      request(c, 'GET', '/api/v1/namespaces/default/secrets', { headers: jane }),
      request(c, 'GET', '/api/v1/nodes', { headers: jane }),
      request(c, 'DELETE', '/apis/apps/v1/namespaces/team-a/deployments/web', { headers: jane }),
      request(c, 'GET', '/logs', { headers: jane }),
    ]);
    expect(named.status).toBe(403);
    expect(named.json).toEqual(forbidden('secrets "db" is forbidden: User "jane" cannot get resource "secrets" in API group "" in the namespace "default"', { name: 'db', kind: 'secrets' }));
    expect(list.json).toEqual(forbidden('secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "default"', { kind: 'secrets' }));
    expect(cluster.json).toEqual(forbidden('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope', { kind: 'nodes' }));
    expect(grouped.json).toEqual(forbidden('deployments.apps "web" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "team-a"', { name: 'web', group: 'apps', kind: 'deployments' }));
    expect(path.json).toEqual(forbidden('forbidden: User "jane" cannot get path "/logs"', {}));
  });

  it('allows what the role grants through the same impersonation headers', async () => {
    const r = await request(c, 'GET', '/api/v1/namespaces/default/configmaps', { headers: jane });
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('ConfigMapList');
  });

  it('rejects unknown tokens and impersonation headers without a user', async () => {
    expect((await request(c, 'GET', '/api/v1/pods', { token: 'not-a-token' })).status).toBe(401);
    expect((await request(c, 'GET', '/api/v1/pods', { token: 'a.b.c' })).status).toBe(401);
    const r = await request(c, 'GET', '/api/v1/pods', { headers: { 'Impersonate-Group': 'x' } });
    expect(r.status).toBe(400);
  });
});

describe.skipIf(!hasKubectl)('ServiceAccount tokens', () => {
  it('kubectl create token gives a token that authenticates, is authorized by RBAC and dies with its account', async () => {
    await ok('create', 'serviceaccount', 'bot', '-n', 'team-a');
    const token = await ok('create', 'token', 'bot', '-n', 'team-a', '--duration=15m');
    const asBot = (...args: string[]) => k('--token', token, ...args);
    expect((await asBot('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}')).stdout)
      .toBe('system:serviceaccount:team-a:bot ["system:serviceaccounts","system:serviceaccounts:team-a","system:authenticated"]');
    const denied = await asBot('get', 'pods', '-n', 'team-a');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('pods is forbidden: User "system:serviceaccount:team-a:bot" cannot list resource "pods" in API group "" in the namespace "team-a"');

    // a token holder without the impersonate verb cannot borrow another identity
    const imp = await request(c, 'GET', '/api/v1/namespaces/team-a/pods', { token, headers: { 'Impersonate-User': 'jane' } });
    expect(imp.status).toBe(403);
    expect(imp.json.message).toBe('users "jane" is forbidden: User "system:serviceaccount:team-a:bot" cannot impersonate resource "users" in API group "" at the cluster scope');
    expect(imp.json.details).toEqual({ name: 'jane', kind: 'users' });

    await ok('create', 'rolebinding', 'bot-view', '--clusterrole=view', '--serviceaccount=team-a:bot', '-n', 'team-a');
    expect((await asBot('get', 'pods', '-n', 'team-a')).code).toBe(0);
    expect((await asBot('get', 'pods', '-n', 'default')).code).not.toBe(0);

    // a re-created account of the same name has a new uid: the old token is no longer valid
    await ok('delete', 'serviceaccount', 'bot', '-n', 'team-a');
    await ok('create', 'serviceaccount', 'bot', '-n', 'team-a');
    const gone = await asBot('get', 'pods', '-n', 'team-a');
    expect(gone.stderr).toContain('Unauthorized');
  });

  it('TokenRequest refuses durations under 10 minutes and unknown accounts', async () => {
    await ok('create', 'serviceaccount', 'short', '-n', 'default');
    const short = await k('create', 'token', 'short', '-n', 'default', '--duration=5m');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('may not specify a duration less than 10 minutes');
    const missing = await k('create', 'token', 'nobody', '-n', 'default');
    expect(missing.stderr).toContain('serviceaccounts "nobody" not found');
  });

  it('SubjectAccessReview answers for any user, with the binding that allowed it', async () => {
    const post = (spec: object) => request(c, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
    });
    const [yes, no, bad] = await Promise.all([
      post({ user: 'jane', groups: ['wheelhouse:viewers'], resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' } }),
      post({ user: 'jane', groups: ['wheelhouse:viewers'], resourceAttributes: { verb: 'get', resource: 'secrets', namespace: 'default' } }),
      post({ resourceAttributes: { verb: 'get', resource: 'pods' } }),
    ]);
    expect(yes.status).toBe(201);
    expect(yes.json.status).toEqual({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "wheelhouse-viewers" of ClusterRole "view" to Group "wheelhouse:viewers"' });
    expect(no.json.status).toEqual({ allowed: false });
    expect(bad.status).toBe(422);
  });
});
