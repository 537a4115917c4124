/**
 * RBAC privilege-escalation prevention (auth/escalation.ts) through the real kubectl and raw HTTPS: a
 * namespace admin may write Roles and RoleBindings only for permissions it holds there, unless it may
 * `escalate` roles or `bind` the referenced role; the check sees the final object of apply and patch;
 * the 403 is upstream's, word for word; system:masters is never checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const k = async (args: string[], input?: string) => kubectl(c, args, input);
const ok = async (args: string[], input?: string) => {
  const r = await k(args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};
const GRANT = 'is attempting to grant RBAC permissions not currently held:';
const CAROL = 'user "carol" (groups=["system:authenticated"])';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

const binding = (kind: string, name: string, ns: string, role: string, user: string, roleKind = 'ClusterRole') => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(ns ? { namespace: ns } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
});
const role = (kind: string, name: string, ns: string, rules: object[], extra: object = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(ns ? { namespace: ns } : {}) },
  rules,
  ...extra,
});

/** carol: admin in team-a, may write Roles in team-b and ClusterRoles; erin: admin + escalate roles in
 * team-a; frank: admin + bind ClusterRole cluster-admin in team-a. */
const SETUP = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } },
  ...['carol', 'erin', 'frank'].map((u) => binding('RoleBinding', `${u}-admin`, 'team-a', 'admin', u)),
  role('Role', 'role-writer', 'team-b', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['create', 'update', 'patch'] }]),
  binding('RoleBinding', 'carol-role-writer', 'team-b', 'role-writer', 'carol', 'Role'),
  role('ClusterRole', 'clusterrole-writer', '', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['create', 'update', 'patch'] }]),
  binding('ClusterRoleBinding', 'carol-clusterrole-writer', '', 'clusterrole-writer', 'carol'),
  role('Role', 'escalator', 'team-a', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }]),
  binding('RoleBinding', 'erin-escalator', 'team-a', 'escalator', 'erin', 'Role'),
  role('ClusterRole', 'bind-cluster-admin', '', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] }]),
  binding('RoleBinding', 'frank-binder', 'team-a', 'bind-cluster-admin', 'frank'),
  role('Role', 'node-lister', 'team-a', [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]),
];

beforeAll(async () => {
  if (!hasKubectl) return;
  c = await startTestCluster({ name: 'rbac-escalation' });
  await ok(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: SETUP }));
});
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('Roles and ClusterRoles', () => {
  it('a namespace admin creates Roles it holds in its namespace only', async () => {
    const [mine, nodes, elsewhere, cluster] = await Promise.all([
      k(['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'role', 'node-reader', '--verb=get,list', '--resource=nodes', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'team-b', '--as', 'carol']),
      k(['create', 'clusterrole', 'pod-reader', '--verb=get', '--resource=pods', '--as', 'carol']),
    ]);
    expect(mine.code, mine.stderr).toBe(0);
    expect(nodes.stderr).toContain(`roles.rbac.authorization.k8s.io "node-reader" is forbidden: ${CAROL} ${GRANT}\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}`);
    // she may write Roles in team-b but holds no secrets there
    expect(elsewhere.stderr).toContain(`roles.rbac.authorization.k8s.io "secret-reader" is forbidden: ${CAROL} ${GRANT}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`);
    // pods in team-a are not pods cluster-wide
    expect(cluster.stderr).toContain(`clusterroles.rbac.authorization.k8s.io "pod-reader" is forbidden: ${CAROL} ${GRANT}`);
    expect(await ok(['get', 'roles', '-n', 'team-a', '-o', 'name'])).not.toContain('node-reader');
  });

  it('answers upstream\'s Status: missing rules broken down, compacted by resource and sorted', async () => {
    const r = await request(c, 'POST', `${RBAC}/clusterroles`, {
      headers: { 'Impersonate-User': 'carol' },
      body: role('ClusterRole', 'wide', '', [
        { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'create'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['app'] },
        { nonResourceURLs: ['/logs', '/healthz'], verbs: ['get'] },
      ]),
    });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
      details: { name: 'wide', group: 'rbac.authorization.k8s.io', kind: 'clusterroles' },
      message: `clusterroles.rbac.authorization.k8s.io "wide" is forbidden: ${CAROL} ${GRANT}\n` +
        '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["app"], Verbs:["get"]}\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete" "create"]}\n' +
        '{NonResourceURLs:["/logs"], Verbs:["get"]}',
    });
  });

  it('an aggregationRule needs full authority, even with no rules', async () => {
    const r = await request(c, 'POST', `${RBAC}/clusterroles`, {
      headers: { 'Impersonate-User': 'carol' },
      body: role('ClusterRole', 'gatherer', '', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }),
    });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('clusterroles.rbac.authorization.k8s.io "gatherer" is forbidden: must have cluster-admin privileges to use the aggregationRule');
  });

  it('escalate on roles lets a namespace admin grant more than it holds', async () => {
    const args = ['create', 'role', 'node-watcher', '--verb=watch', '--resource=nodes', '-n', 'team-a'];
    const without = await k([...args, '--as', 'frank']);
    expect(without.stderr).toContain(`${GRANT}\n{APIGroups:[""], Resources:["nodes"], Verbs:["watch"]}`);
    const r = await k([...args, '--as', 'erin']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('apply, server-side apply and patch are judged on the resulting role', async () => {
    const manifest = (verbs: string[], resources = ['pods']) =>
      JSON.stringify(role('Role', 'app', 'team-a', [{ apiGroups: [''], resources, verbs }]));
    await ok(['apply', '-f', '-', '--as', 'carol'], manifest(['get']));
    const grow = await k(['apply', '-f', '-', '--as', 'carol'], manifest(['get'], ['pods', 'nodes']));
    expect(grow.code).not.toBe(0);
    expect(grow.stderr).toContain(`roles.rbac.authorization.k8s.io "app" is forbidden: ${CAROL} ${GRANT}\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}`);
    const ssa = await k(['apply', '--server-side', '-f', '-', '--as', 'carol'], manifest(['get', 'escalate']));
    expect(ssa.stderr).toContain(`${GRANT}\n{APIGroups:[""], Resources:["pods"], Verbs:["escalate"]}`);
    const patched = await k(['patch', 'role', 'app', '-n', 'team-a', '--as', 'carol', '--type=json', '-p', '[{"op":"add","path":"/rules/0/verbs/-","value":"bind"}]']);
    expect(patched.stderr).toContain(`${GRANT}\n{APIGroups:[""], Resources:["pods"], Verbs:["bind"]}`);
    // what she holds still goes through; the stored role never held more
    await ok(['apply', '-f', '-', '--as', 'carol'], manifest(['get', 'list', 'watch']));
    expect(await ok(['get', 'role', 'app', '-n', 'team-a', '-o', 'jsonpath={.rules}'])).toBe('[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list","watch"]}]');
  });

  it('a role granting what the writer lacks cannot be relabeled, but GC fields may change', async () => {
    const label = await k(['label', 'role', 'node-lister', 'x=y', '-n', 'team-a', '--as', 'carol']);
    expect(label.stderr).toContain(`${GRANT}\n{APIGroups:[""], Resources:["nodes"], Verbs:["list"]}`);
    const fin = await request(c, 'PATCH', `${RBAC}/namespaces/team-a/roles/node-lister`, {
      headers: { 'Impersonate-User': 'carol' },
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: ['example.com/hold'] } },
    });
    expect(fin.status, fin.text).toBe(200);
    await ok(['patch', 'role', 'node-lister', '-n', 'team-a', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
  });
});

describe.skipIf(!hasKubectl)('RoleBindings and ClusterRoleBindings', () => {
  it('a namespace admin binds roles it holds (view, edit, its own Role) but not cluster-admin', async () => {
    await ok(['create', 'role', 'cm-reader', '--verb=get', '--resource=configmaps', '-n', 'team-a']);
    const [view, edit, own, ca, missing] = await Promise.all([
      k(['create', 'rolebinding', 'dave-view', '--clusterrole=view', '--user=dave', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'rolebinding', 'dave-edit', '--clusterrole=edit', '--user=dave', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'rolebinding', 'dave-cm', '--role=cm-reader', '--user=dave', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'rolebinding', 'dave-ca', '--clusterrole=cluster-admin', '--user=dave', '-n', 'team-a', '--as', 'carol']),
      k(['create', 'rolebinding', 'dave-nope', '--role=nope', '--user=dave', '-n', 'team-a', '--as', 'carol']),
    ]);
    expect([view.code, edit.code, own.code], view.stderr + edit.stderr + own.stderr).toEqual([0, 0, 0]);
    expect(ca.stderr).toContain(
      `rolebindings.rbac.authorization.k8s.io "dave-ca" is forbidden: ${CAROL} ${GRANT}\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}`,
    );
    expect(missing.stderr).toContain('roles.rbac.authorization.k8s.io "nope" not found');
  });

  it('bind on clusterroles/cluster-admin allows that binding only; system:masters is never checked', async () => {
    const [ca, other, master] = await Promise.all([
      k(['create', 'rolebinding', 'gina-ca', '--clusterrole=cluster-admin', '--user=gina', '-n', 'team-a', '--as', 'frank']),
      k(['create', 'rolebinding', 'gina-writer', '--clusterrole=clusterrole-writer', '--user=gina', '-n', 'team-a', '--as', 'frank']),
      k(['create', 'clusterrolebinding', 'gina-ca', '--clusterrole=cluster-admin', '--user=gina', '--as', 'root', '--as-group', 'system:masters']),
    ]);
    expect([ca.code, master.code], ca.stderr + master.stderr).toEqual([0, 0]);
    expect(other.stderr).toContain(`"gina-writer" is forbidden: user "frank" (groups=["system:authenticated"]) ${GRANT}\n{APIGroups:["rbac.authorization.k8s.io"], Resources:["clusterroles"], Verbs:["create" "update" "patch"]}`);
  });

  it('an update is checked too: carol cannot switch a binding\'s subjects when she lacks its role', async () => {
    await ok(['create', 'rolebinding', 'ops-ca', '--clusterrole=cluster-admin', '--user=ops', '-n', 'team-a']);
    const r = await k(['set', 'subject', 'rolebinding', 'ops-ca', '--user=carol', '-n', 'team-a', '--as', 'carol']);
    expect(r.stderr).toContain(`rolebindings.rbac.authorization.k8s.io "ops-ca" is forbidden: ${CAROL} ${GRANT}`);
  });
});
