/**
 * What a fresh kube-apiserver creates itself: the system namespaces, the `kubernetes` service, the
 * system-cluster-critical/system-node-critical PriorityClasses and the
 * RBAC bootstrap policy (default ClusterRoles already aggregated, as the aggregation controller would leave
 * them, so a cluster without the simulated control plane still has working view/edit/admin).
 */
import type { KObject } from '../types';
import type { GenericRegistry } from './ops';
import { aggregateAll } from './auth/aggregation';
import { SYSTEM_PRIORITIES } from './defaults';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './auth/bootstrap-policy';
import { seedExtra } from './seed-extra';
import { systemNamespacedPolicy } from './auth/bootstrap-system';

export function seedCluster(api: GenericRegistry): void {
  const ns = api.kinds.lookup('', 'v1', 'namespaces')!;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create(ns, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'kube-apiserver' });
  }
  const svc = api.kinds.lookup('', 'v1', 'services')!;
  const kubernetes: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  };
  api.create(svc, 'default', kubernetes, { fieldManager: 'kube-apiserver' });
  const pcs = api.kinds.lookup('scheduling.k8s.io', 'v1', 'priorityclasses')!;
  const pcDescriptions: Record<string, string> = {
    'system-cluster-critical': 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    'system-node-critical': 'Used for system critical pods that must not be moved from their current node.',
  };
  for (const [name, value] of Object.entries(SYSTEM_PRIORITIES)) {
    api.create(pcs, undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description: pcDescriptions[name] } as KObject, { fieldManager: 'kube-apiserver' });
  }
  const roles = api.kinds.lookup('rbac.authorization.k8s.io', 'v1', 'clusterroles')!;
  for (const r of aggregateAll(bootstrapClusterRoles())) api.create(roles, undefined, r, { fieldManager: 'kube-apiserver' });
  const bindings = api.kinds.lookup('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings')!;
  for (const b of bootstrapClusterRoleBindings()) api.create(bindings, undefined, b, { fieldManager: 'kube-apiserver' });
  const { roles: nsRoles, bindings: nsBindings } = systemNamespacedPolicy();
  const roleKind = api.kinds.lookup('rbac.authorization.k8s.io', 'v1', 'roles')!;
  for (const r of nsRoles) api.create(roleKind, r.metadata.namespace, r, { fieldManager: 'kube-apiserver' });
  const rbKind = api.kinds.lookup('rbac.authorization.k8s.io', 'v1', 'rolebindings')!;
  for (const b of nsBindings) api.create(rbKind, b.metadata.namespace, b, { fieldManager: 'kube-apiserver' });
  seedExtra(api);
}
