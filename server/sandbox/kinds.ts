/**
 * Every built-in kind the sandbox serves, as data. Discovery, OpenAPI, storage and routing are all
 * derived from this table (CRDs add entries at run time through the apiserver's kind registry).
 */

export interface ServedKind {
  group: string;
  version: string;
  kind: string;
  /** lower-case plural, as in URLs */
  resource: string;
  namespaced: boolean;
  singular: string;
  listKind: string;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** e.g. ['status', 'scale', 'log', 'eviction'] */
  subresources?: string[];
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NS_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function k(
  group: string,
  version: string,
  kind: string,
  resource: string,
  namespaced: boolean,
  extra: Partial<Pick<ServedKind, 'shortNames' | 'categories' | 'subresources' | 'verbs'>> = {},
): ServedKind {
  return {
    group,
    version,
    kind,
    resource,
    namespaced,
    singular: kind.toLowerCase(),
    listKind: `${kind}List`,
    verbs: extra.verbs ?? ALL_VERBS,
    ...(extra.shortNames ? { shortNames: extra.shortNames } : {}),
    ...(extra.categories ? { categories: extra.categories } : {}),
    ...(extra.subresources ? { subresources: extra.subresources } : {}),
  };
}

const ALL = ['all'];

export const BUILTIN_KINDS: ServedKind[] = [
  // core/v1
  k('', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], subresources: ['finalize', 'status'], verbs: NS_VERBS }),
  k('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], subresources: ['proxy', 'status'] }),
  k('', 'v1', 'Pod', 'pods', true, {
    shortNames: ['po'],
    categories: ALL,
    subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
  }),
  k('', 'v1', 'Service', 'services', true, { shortNames: ['svc'], categories: ALL, subresources: ['proxy', 'status'] }),
  k('', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'] }),
  k('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
  k('', 'v1', 'Secret', 'secrets', true),
  k('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'], subresources: ['token'] }),
  k('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  k('', 'v1', 'PersistentVolume', 'persistentvolumes', false, { shortNames: ['pv'], subresources: ['status'] }),
  k('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], subresources: ['status'] }),
  k('', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], subresources: ['status'] }),
  k('', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }),
  // served (no controller) because `kubectl apply --prune`'s default allowlist lists it and fails without it
  k('', 'v1', 'ReplicationController', 'replicationcontrollers', true, {
    shortNames: ['rc'],
    categories: ALL,
    subresources: ['scale', 'status'],
  }),
  // apps/v1
  k('apps', 'v1', 'Deployment', 'deployments', true, { shortNames: ['deploy'], categories: ALL, subresources: ['scale', 'status'] }),
  k('apps', 'v1', 'ReplicaSet', 'replicasets', true, { shortNames: ['rs'], categories: ALL, subresources: ['scale', 'status'] }),
  k('apps', 'v1', 'StatefulSet', 'statefulsets', true, { shortNames: ['sts'], categories: ALL, subresources: ['scale', 'status'] }),
  k('apps', 'v1', 'DaemonSet', 'daemonsets', true, { shortNames: ['ds'], categories: ALL, subresources: ['status'] }),
  k('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
  // batch/v1
  k('batch', 'v1', 'Job', 'jobs', true, { categories: ALL, subresources: ['status'] }),
  k('batch', 'v1', 'CronJob', 'cronjobs', true, { shortNames: ['cj'], categories: ALL, subresources: ['status'] }),
  // networking.k8s.io/v1
  k('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], subresources: ['status'] }),
  k('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'] }),
  k('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  // coordination.k8s.io/v1: node heartbeats (kube-node-lease) and leader election (kubelet/leases.ts)
  k('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
  // discovery.k8s.io/v1 (written by the EndpointSlice controller)
  k('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
  // autoscaling/v2 (the storage and preferred version)
  k('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, {
    shortNames: ['hpa'],
    categories: ALL,
    subresources: ['status'],
  }),
  // autoscaling/v1: a converted view of the stored v2 objects (apiserver/hpa-v1.ts); kubectl autoscale uses it
  k('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, {
    shortNames: ['hpa'],
    categories: ALL,
    subresources: ['status'],
  }),
  // policy/v1 (pods/eviction consults PodDisruptionBudgets)
  k('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { shortNames: ['pdb'], subresources: ['status'] }),
  // rbac.authorization.k8s.io/v1
  k('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
  k('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
  k('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  k('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  // authorization.k8s.io/v1 and authentication.k8s.io/v1: create-only reviews (kubectl auth can-i/whoami)
  k('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: ['create'] }),
  k('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, { verbs: ['create'] }),
  k('authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, { verbs: ['create'] }),
  k('authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, { verbs: ['create'] }),
  // scheduling.k8s.io/v1
  k('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, { shortNames: ['pc'] }),
  // storage.k8s.io/v1
  k('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
  // events.k8s.io/v1: a converted view of the stored core/v1 Events (apiserver/events-view.ts)
  k('events.k8s.io', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
  // apiextensions.k8s.io/v1
  k('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, {
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: ['status'],
  }),
];

/** metrics.k8s.io/v1beta1, served only when the runtime provides metrics. Read-only. */
export const METRICS_KINDS: ServedKind[] = [
  k('metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods', true, { verbs: ['get', 'list'] }),
  k('metrics.k8s.io', 'v1beta1', 'NodeMetrics', 'nodes', false, { verbs: ['get', 'list'] }),
];

/** apiVersion string of a kind: "v1" for core, "group/version" otherwise. */
export function apiVersionOf(s: { group: string; version: string }): string {
  return s.group ? `${s.group}/${s.version}` : s.version;
}

/** Built-in kinds whose subresource "scale" answers autoscaling/v1 Scale. */
export function hasSubresource(s: ServedKind, sub: string): boolean {
  return s.subresources?.includes(sub) ?? false;
}
