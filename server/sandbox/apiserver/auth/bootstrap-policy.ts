/**
 * The default ClusterRoles and ClusterRoleBindings a fresh kube-apiserver reconciles (plugin/pkg/auth/
 * authorizer/rbac/bootstrappolicy/policy.go): cluster-admin, the aggregated admin/edit/view with their
 * system:aggregate-to-* building blocks, the discovery, basic-user and public-info-viewer roles every
 * authenticated user holds, and (bootstrap-system.ts) the component, approver and controller roles.
 */
import type { KObject } from '../../types';
import type { PolicyRule } from './rbac';
import { AUTHENTICATED, MASTERS, UNAUTHENTICATED } from './user';
import { systemClusterRoleBindings, systemClusterRoles } from './bootstrap-system';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const RW = [...READ, ...WRITE];
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });

const VIEW: PolicyRule[] = [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];

const EDIT: PolicyRule[] = [
  rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(RW, ['coordination.k8s.io'], ['leases']),
];

const ADMIN: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(RW, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

const DISCOVERY = ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'];
const PUBLIC_INFO = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

const meta = (name: string, labels: Record<string, string> = {}) => ({
  name,
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
});

function clusterRole(name: string, rules: PolicyRule[], labels?: Record<string, string>, aggregateFrom?: string): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(name, labels),
    ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGG}${aggregateFrom}`]: 'true' } }] } } : {}),
    rules,
  };
}

function binding(name: string, role: string, groups: string[]): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  };
}

/** ClusterRoles; admin/edit/view start with empty rules and are filled by aggregation (see aggregation.ts). */
export function bootstrapClusterRoles(): KObject[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('admin', [], {}, 'admin'),
    clusterRole('edit', [], { [`${AGG}admin`]: 'true' }, 'edit'),
    clusterRole('view', [], { [`${AGG}edit`]: 'true' }, 'view'),
    clusterRole('system:aggregate-to-admin', ADMIN, { [`${AGG}admin`]: 'true' }),
    clusterRole('system:aggregate-to-edit', EDIT, { [`${AGG}edit`]: 'true' }),
    clusterRole('system:aggregate-to-view', VIEW, { [`${AGG}view`]: 'true' }),
    clusterRole('system:discovery', [urls(['get'], DISCOVERY)]),
    clusterRole('system:public-info-viewer', [urls(['get'], PUBLIC_INFO)]),
    ...systemClusterRoles(),
    clusterRole('system:basic-user', [
      rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ]),
  ];
}

export function bootstrapClusterRoleBindings(): KObject[] {
  return [
    binding('cluster-admin', 'cluster-admin', [MASTERS]),
    binding('system:discovery', 'system:discovery', [AUTHENTICATED]),
    binding('system:basic-user', 'system:basic-user', [AUTHENTICATED]),
    binding('system:public-info-viewer', 'system:public-info-viewer', [AUTHENTICATED, UNAUTHENTICATED]),
    ...systemClusterRoleBindings(),
  ];
}
