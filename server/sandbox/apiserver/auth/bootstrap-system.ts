/**
 * The rest of upstream's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy: policy.go,
 * controller_policy.go, namespace_policy.go): the system: ClusterRoles for components, approvers and
 * controllers with their ClusterRoleBindings, and the kube-system/kube-public Roles and RoleBindings.
 * Names, labels, annotations, role refs and subjects follow upstream; controller rules name the resources
 * each controller uses.
 */
import type { KObject } from '../../types';
import type { PolicyRule } from './rbac';

const READ = ['get', 'list', 'watch'];
const RW = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });
const EVENTS = [r(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events'])];
const RBAC_META = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

type Subject = { kind: 'User' | 'Group' | 'ServiceAccount'; name: string; namespace?: string };
const U = (name: string): Subject => ({ kind: 'User', name });
const G = (name: string): Subject => ({ kind: 'Group', name });
const SA = (name: string, namespace = 'kube-system'): Subject => ({ kind: 'ServiceAccount', name, namespace });

function role(kind: 'ClusterRole' | 'Role', name: string, rules: PolicyRule[], namespace?: string): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), ...structuredClone(RBAC_META) }, rules };
}
function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, roleKind: string, roleName: string, subjects: Subject[], namespace?: string): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...structuredClone(RBAC_META) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    ...(subjects.length ? { subjects: subjects.map((s) => (s.kind === 'ServiceAccount' ? s : { apiGroup: 'rbac.authorization.k8s.io', ...s })) } : {}),
  };
}

/** controller name (service account in kube-system) -> its rules */
const CONTROLLERS: Record<string, PolicyRule[]> = {
  'attachdetach-controller': [r(['list', 'watch'], [''], ['persistentvolumes', 'persistentvolumeclaims']), r(READ, [''], ['nodes']), r(['patch', 'update'], [''], ['nodes/status']), r(['list', 'watch'], [''], ['pods']), r(['create', 'delete', 'get', 'list', 'watch'], ['storage.k8s.io'], ['volumeattachments']), r(['get', 'list', 'watch'], ['storage.k8s.io'], ['csidrivers', 'csinodes']), ...EVENTS],
  'certificate-controller': [r(['delete', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']), r(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval', 'certificatesigningrequests/status']), r(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']), r(['sign'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']), r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']), ...EVENTS],
  'clusterrole-aggregation-controller': [r(['escalate', 'get', 'list', 'patch', 'update', 'watch'], ['rbac.authorization.k8s.io'], ['clusterroles'])],
  'cronjob-controller': [r(['get', 'list', 'update', 'watch'], ['batch'], ['cronjobs']), r(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']), r(['update'], ['batch'], ['cronjobs/status']), r(['update'], ['batch'], ['cronjobs/finalizers']), r(['delete', 'list'], [''], ['pods']), ...EVENTS],
  'daemon-set-controller': [r(READ, ['apps', 'extensions'], ['daemonsets']), r(['update'], ['apps', 'extensions'], ['daemonsets/status']), r(['update'], ['apps', 'extensions'], ['daemonsets/finalizers']), r(READ, [''], ['nodes']), r(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), r(['create'], [''], ['pods/binding']), r(['create', 'delete', 'list', 'patch', 'update', 'watch'], ['apps'], ['controllerrevisions']), ...EVENTS],
  'deployment-controller': [r(['get', 'list', 'update', 'watch'], ['apps', 'extensions'], ['deployments']), r(['update'], ['apps', 'extensions'], ['deployments/status']), r(['update'], ['apps', 'extensions'], ['deployments/finalizers']), r(RW, ['apps', 'extensions'], ['replicasets']), r(['get', 'list', 'update', 'watch'], [''], ['pods']), ...EVENTS],
  'disruption-controller': [r(READ, ['apps', 'extensions'], ['deployments', 'replicasets', 'statefulsets']), r(READ, [''], ['replicationcontrollers']), r(READ, ['policy'], ['poddisruptionbudgets']), r(['update'], ['policy'], ['poddisruptionbudgets/status']), r(['get'], ['*'], ['*/scale']), r(['patch', 'update'], [''], ['pods/status']), ...EVENTS],
  'endpoint-controller': [r(READ, [''], ['pods', 'services']), r(['create', 'delete', 'get', 'list', 'update'], [''], ['endpoints']), r(['create'], [''], ['endpoints/restricted']), ...EVENTS],
  'endpointslice-controller': [r(READ, [''], ['nodes', 'pods', 'services']), r(['update'], [''], ['services/finalizers']), r(['create', 'delete', 'get', 'list', 'update'], ['discovery.k8s.io'], ['endpointslices']), ...EVENTS],
  'endpointslicemirroring-controller': [r(READ, [''], ['endpoints', 'services']), r(['update'], [''], ['endpoints/finalizers', 'services/finalizers']), r(['create', 'delete', 'get', 'list', 'update'], ['discovery.k8s.io'], ['endpointslices']), ...EVENTS],
  'ephemeral-volume-controller': [r(['get', 'list', 'watch'], [''], ['pods']), r(['update'], [''], ['pods/finalizers']), r(['create', 'get', 'list', 'watch'], [''], ['persistentvolumeclaims']), ...EVENTS],
  'expand-controller': [r(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']), r(['patch', 'update'], [''], ['persistentvolumeclaims/status']), r(['get', 'list', 'watch'], [''], ['persistentvolumeclaims']), r(['get', 'list', 'watch'], ['storage.k8s.io'], ['storageclasses']), r(['get'], [''], ['endpoints', 'services']), r(['get'], [''], ['secrets']), ...EVENTS],
  'generic-garbage-collector': [r(['delete', 'get', 'list', 'patch', 'update', 'watch'], ['*'], ['*'])],
  'horizontal-pod-autoscaler': [r(['get', 'list', 'watch'], ['autoscaling'], ['horizontalpodautoscalers']), r(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']), r(['get', 'update'], ['*'], ['*/scale']), r(['list'], [''], ['pods']), r(['list'], ['metrics.k8s.io'], ['pods']), r(['get', 'list'], ['custom.metrics.k8s.io', 'external.metrics.k8s.io'], ['*']), ...EVENTS],
  'job-controller': [r(['get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']), r(['update'], ['batch'], ['jobs/status']), r(['update'], ['batch'], ['jobs/finalizers']), r(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), ...EVENTS],
  'legacy-service-account-token-cleaner': [r(['delete', 'patch'], [''], ['secrets']), r(['get', 'list', 'watch'], [''], ['serviceaccounts'])],
  'namespace-controller': [r(['delete', 'get', 'list', 'watch'], [''], ['namespaces']), r(['update'], [''], ['namespaces/finalize', 'namespaces/status']), r(['delete', 'deletecollection', 'get', 'list'], ['*'], ['*'])],
  'node-controller': [r(['delete', 'get', 'list', 'patch', 'update'], [''], ['nodes']), r(['patch', 'update'], [''], ['nodes/status']), r(['patch', 'update'], [''], ['pods/status']), r(['delete', 'list'], [''], ['pods']), r(['get'], [''], ['pods']), ...EVENTS],
  'persistent-volume-binder': [r(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['persistentvolumes']), r(['update'], [''], ['persistentvolumes/status']), r(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']), r(['update'], [''], ['persistentvolumeclaims/status']), r(['create', 'delete', 'get', 'list', 'watch'], [''], ['pods']), r(['get', 'list', 'watch'], ['storage.k8s.io'], ['storageclasses']), r(['create', 'delete', 'get'], [''], ['endpoints', 'services']), r(['get'], [''], ['secrets']), r(['get', 'list'], [''], ['nodes']), ...EVENTS],
  'pod-garbage-collector': [r(['delete', 'list', 'watch'], [''], ['pods']), r(['get', 'list', 'watch'], [''], ['nodes']), r(['patch'], [''], ['pods/status'])],
  'pv-protection-controller': [r(['get', 'list', 'update', 'watch'], [''], ['persistentvolumes']), ...EVENTS],
  'pvc-protection-controller': [r(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']), r(['get', 'list', 'watch'], [''], ['pods']), ...EVENTS],
  'replicaset-controller': [r(['get', 'list', 'update', 'watch'], ['apps', 'extensions'], ['replicasets']), r(['update'], ['apps', 'extensions'], ['replicasets/status']), r(['update'], ['apps', 'extensions'], ['replicasets/finalizers']), r(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), ...EVENTS],
  'replication-controller': [r(['get', 'list', 'update', 'watch'], [''], ['replicationcontrollers']), r(['update'], [''], ['replicationcontrollers/status']), r(['update'], [''], ['replicationcontrollers/finalizers']), r(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), ...EVENTS],
  'resourcequota-controller': [r(['list', 'watch'], ['*'], ['*']), r(['update'], [''], ['resourcequotas/status']), ...EVENTS],
  'root-ca-cert-publisher': [r(['create', 'update'], [''], ['configmaps']), ...EVENTS],
  'route-controller': [r(['list', 'watch'], [''], ['nodes']), r(['patch'], [''], ['nodes/status']), ...EVENTS],
  'service-account-controller': [r(['create'], [''], ['serviceaccounts']), ...EVENTS],
  'service-controller': [r(READ, [''], ['services']), r(['patch', 'update'], [''], ['services/status']), r(['get', 'list', 'watch'], [''], ['nodes']), ...EVENTS],
  'statefulset-controller': [r(['list', 'watch'], [''], ['pods']), r(['get', 'list', 'watch'], ['apps'], ['statefulsets']), r(['update'], ['apps'], ['statefulsets/status']), r(['update'], ['apps'], ['statefulsets/finalizers']), r(['create', 'delete', 'get', 'patch', 'update'], [''], ['pods']), r(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], ['apps'], ['controllerrevisions']), r(['create', 'get'], [''], ['persistentvolumeclaims']), ...EVENTS],
  'ttl-after-finished-controller': [r(['delete', 'get', 'list', 'watch'], ['batch'], ['jobs']), ...EVENTS],
  'ttl-controller': [r(['list', 'patch', 'update', 'watch'], [''], ['nodes']), ...EVENTS],
  'validatingadmissionpolicy-status-controller': [r(['get', 'list', 'watch'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']), r(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']), ...EVENTS],
};

const APPROVER = (signer: string) => [r(['approve'], ['certificates.k8s.io'], ['signers'], [signer])];

/** system: ClusterRoles beyond the ones bootstrap-policy.ts already lists. */
export function systemClusterRoles(): KObject[] {
  const out = [
    role('ClusterRole', 'system:auth-delegator', [r(['create'], ['authentication.k8s.io'], ['tokenreviews']), r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])]),
    role('ClusterRole', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [r(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'])]),
    role('ClusterRole', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [r(['create'], ['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'])]),
    role('ClusterRole', 'system:certificates.k8s.io:kube-apiserver-client-approver', APPROVER('kubernetes.io/kube-apiserver-client')),
    role('ClusterRole', 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', APPROVER('kubernetes.io/kube-apiserver-client-kubelet')),
    role('ClusterRole', 'system:certificates.k8s.io:kubelet-serving-approver', APPROVER('kubernetes.io/kubelet-serving')),
    role('ClusterRole', 'system:certificates.k8s.io:legacy-unknown-approver', APPROVER('kubernetes.io/legacy-unknown')),
    role('ClusterRole', 'system:heapster', [r(['get', 'list', 'watch'], [''], ['events', 'namespaces', 'nodes', 'pods']), r(['get', 'list', 'watch'], ['extensions'], ['deployments'])]),
    role('ClusterRole', 'system:kube-aggregator', [r(['get', 'list', 'watch'], [''], ['endpoints', 'services'])]),
    role('ClusterRole', 'system:kube-controller-manager', [
      ...EVENTS,
      r(['create'], ['coordination.k8s.io'], ['leases']),
      r(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
      r(['create'], [''], ['secrets', 'serviceaccounts']),
      r(['delete'], [''], ['secrets']),
      r(['get'], [''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts']),
      r(['update'], [''], ['secrets', 'serviceaccounts']),
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      r(['list', 'watch'], ['*'], ['*']),
      r(['create'], [''], ['serviceaccounts/token']),
    ]),
    role('ClusterRole', 'system:kube-dns', [r(['list', 'watch'], [''], ['endpoints', 'services'])]),
    role('ClusterRole', 'system:kube-scheduler', [
      ...EVENTS,
      r(['create'], ['coordination.k8s.io'], ['leases']),
      r(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
      r(['delete', 'get', 'list', 'watch'], [''], ['nodes']),
      r(['delete', 'get', 'list', 'watch'], [''], ['pods']),
      r(['create'], [''], ['bindings', 'pods/binding']),
      r(['patch', 'update'], [''], ['pods/status']),
      r(['get', 'list', 'watch'], [''], ['replicationcontrollers', 'services']),
      r(['get', 'list', 'watch'], ['apps', 'extensions'], ['replicasets']),
      r(['get', 'list', 'watch'], ['apps'], ['statefulsets']),
      r(['get', 'list', 'watch'], ['policy'], ['poddisruptionbudgets']),
      r(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      r(['get', 'list', 'watch'], ['storage.k8s.io'], ['csinodes']),
      r(['get', 'list', 'watch'], [''], ['namespaces']),
      r(['get', 'list', 'watch'], ['storage.k8s.io'], ['csidrivers', 'csistoragecapacities']),
    ]),
    role('ClusterRole', 'system:kubelet-api-admin', [r(['get', 'list', 'watch'], [''], ['nodes']), r(['proxy'], [''], ['nodes']), r(['*'], [''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'])]),
    role('ClusterRole', 'system:monitoring', [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]),
    role('ClusterRole', 'system:node', [
      r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
      r(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews']),
      r(['get', 'list', 'watch'], [''], ['services']),
      r(['create', 'get', 'list', 'watch'], [''], ['nodes']),
      r(['patch', 'update'], [''], ['nodes/status']),
      r(['patch', 'update'], [''], ['nodes']),
      ...EVENTS,
      r(['get', 'list', 'watch'], [''], ['pods']),
      r(['create', 'delete'], [''], ['pods']),
      r(['patch', 'update'], [''], ['pods/status']),
      r(['create'], [''], ['pods/eviction']),
      r(['get'], [''], ['configmaps', 'secrets']),
      r(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
      r(['get'], [''], ['endpoints']),
      r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
      r(['create', 'delete', 'get', 'patch', 'update'], ['coordination.k8s.io'], ['leases']),
      r(['get'], ['storage.k8s.io'], ['volumeattachments']),
      r(['create'], [''], ['serviceaccounts/token']),
      r(['get', 'list', 'watch'], ['storage.k8s.io'], ['csidrivers']),
      r(['create', 'delete', 'get', 'patch', 'update'], ['storage.k8s.io'], ['csinodes']),
      r(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
    ]),
    role('ClusterRole', 'system:node-bootstrapper', [r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests'])]),
    role('ClusterRole', 'system:node-problem-detector', [r(['get'], [''], ['nodes']), r(['patch'], [''], ['nodes/status']), ...EVENTS]),
    role('ClusterRole', 'system:node-proxier', [r(['list', 'watch'], [''], ['endpoints', 'services']), r(['get', 'list', 'watch'], [''], ['nodes']), ...EVENTS, r(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices'])]),
    role('ClusterRole', 'system:persistent-volume-provisioner', [r(['create', 'delete', 'get', 'list', 'watch'], [''], ['persistentvolumes']), r(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']), r(['get', 'list', 'watch'], ['storage.k8s.io'], ['storageclasses']), r(['list', 'watch'], [''], ['events']), ...EVENTS]),
    role('ClusterRole', 'system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'])]),
    role('ClusterRole', 'system:volume-scheduler', [r(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']), r(['get', 'list', 'watch'], ['storage.k8s.io'], ['storageclasses']), r(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumeclaims'])]),
  ];
  for (const [name, rules] of Object.entries(CONTROLLERS)) out.push(role('ClusterRole', `system:controller:${name}`, rules));
  return out;
}

export function systemClusterRoleBindings(): KObject[] {
  const out = [
    binding('ClusterRoleBinding', 'system:kube-controller-manager', 'ClusterRole', 'system:kube-controller-manager', [U('system:kube-controller-manager')]),
    binding('ClusterRoleBinding', 'system:kube-dns', 'ClusterRole', 'system:kube-dns', [SA('kube-dns')]),
    binding('ClusterRoleBinding', 'system:kube-scheduler', 'ClusterRole', 'system:kube-scheduler', [U('system:kube-scheduler')]),
    binding('ClusterRoleBinding', 'system:monitoring', 'ClusterRole', 'system:monitoring', [G('system:monitoring')]),
    binding('ClusterRoleBinding', 'system:node', 'ClusterRole', 'system:node', []),
    binding('ClusterRoleBinding', 'system:node-proxier', 'ClusterRole', 'system:node-proxier', [U('system:kube-proxy')]),
    binding('ClusterRoleBinding', 'system:service-account-issuer-discovery', 'ClusterRole', 'system:service-account-issuer-discovery', [G('system:serviceaccounts')]),
    binding('ClusterRoleBinding', 'system:volume-scheduler', 'ClusterRole', 'system:volume-scheduler', [U('system:kube-scheduler')]),
  ];
  for (const name of Object.keys(CONTROLLERS)) out.push(binding('ClusterRoleBinding', `system:controller:${name}`, 'ClusterRole', `system:controller:${name}`, [SA(name)]));
  return out;
}

/** namespace_policy.go: Roles and RoleBindings in kube-system and kube-public. */
export function systemNamespacedPolicy(): { roles: KObject[]; bindings: KObject[] } {
  const ks = 'kube-system';
  const leaderLock = (name: string) => [r(['watch'], [''], ['configmaps']), r(['get', 'update'], [''], ['configmaps'], [name])];
  const roles = [
    role('Role', 'extension-apiserver-authentication-reader', [r(['get', 'list', 'watch'], [''], ['configmaps'], ['extension-apiserver-authentication'])], ks),
    role('Role', 'system::leader-locking-kube-controller-manager', leaderLock('kube-controller-manager'), ks),
    role('Role', 'system::leader-locking-kube-scheduler', leaderLock('kube-scheduler'), ks),
    role('Role', 'system:controller:bootstrap-signer', [r(['get', 'list', 'watch'], [''], ['secrets'])], ks),
    role('Role', 'system:controller:cloud-provider', [r(['create', 'get', 'list', 'watch'], [''], ['configmaps'])], ks),
    role('Role', 'system:controller:token-cleaner', [r(['delete', 'get', 'list', 'watch'], [''], ['secrets']), ...EVENTS], ks),
    role('Role', 'system:controller:bootstrap-signer', [r(['get', 'list', 'watch'], [''], ['configmaps']), r(['update'], [''], ['configmaps'], ['cluster-info']), ...EVENTS], 'kube-public'),
  ];
  const bindings = [
    binding('RoleBinding', 'system::extension-apiserver-authentication-reader', 'Role', 'extension-apiserver-authentication-reader', [U('system:kube-controller-manager'), U('system:kube-scheduler')], ks),
    binding('RoleBinding', 'system::leader-locking-kube-controller-manager', 'Role', 'system::leader-locking-kube-controller-manager', [U('system:kube-controller-manager'), SA('kube-controller-manager')], ks),
    binding('RoleBinding', 'system::leader-locking-kube-scheduler', 'Role', 'system::leader-locking-kube-scheduler', [U('system:kube-scheduler'), SA('kube-scheduler')], ks),
    binding('RoleBinding', 'system:controller:bootstrap-signer', 'Role', 'system:controller:bootstrap-signer', [SA('bootstrap-signer')], ks),
    binding('RoleBinding', 'system:controller:cloud-provider', 'Role', 'system:controller:cloud-provider', [SA('cloud-provider')], ks),
    binding('RoleBinding', 'system:controller:token-cleaner', 'Role', 'system:controller:token-cleaner', [SA('token-cleaner')], ks),
    binding('RoleBinding', 'system:controller:bootstrap-signer', 'Role', 'system:controller:bootstrap-signer', [SA('bootstrap-signer')], 'kube-public'),
  ];
  return { roles, bindings };
}
