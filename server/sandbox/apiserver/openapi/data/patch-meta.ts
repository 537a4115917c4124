/**
 * Kubernetes patch metadata, hand-maintained because no npm package ships it: the `+patchMergeKey`,
 * `+patchStrategy`, `+listType`, `+listMapKeys` and `+structType`/`+mapType` markers of k8s.io/api's
 * types.go (Kubernetes 1.32). These drive kubectl's strategic merge patches and server-side apply, so a
 * wrong entry corrupts `kubectl apply`. Lists not named here carry no merge key: strategic merge replaces
 * them whole, and server-side apply treats them as atomic (as Kubernetes does for untagged lists).
 */

export interface FieldPatchMeta {
  mergeKey?: string;
  strategy?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
}

const core = 'io.k8s.api.core.v1';
const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** merge by `key`, SSA map keyed by `keys` (default [key]). */
const byKey = (key: string, keys: string[] = [key], strategy = 'merge'): FieldPatchMeta => ({
  mergeKey: key,
  strategy,
  listType: 'map',
  listMapKeys: keys,
});
const atomic: FieldPatchMeta = { listType: 'atomic' };
const conditions = byKey('type');

/** definition name -> field name -> metadata */
export const FIELD_PATCH_META: Record<string, Record<string, FieldPatchMeta>> = {
  [`${meta}.ObjectMeta`]: {
    finalizers: { strategy: 'merge', listType: 'set' },
    ownerReferences: byKey('uid'),
    managedFields: atomic,
  },
  [`${meta}.LabelSelector`]: { matchExpressions: atomic },
  [`${meta}.LabelSelectorRequirement`]: { values: atomic },
  [`${core}.PodSpec`]: {
    volumes: byKey('name', ['name'], 'merge,retainKeys'),
    initContainers: byKey('name'),
    containers: byKey('name'),
    ephemeralContainers: byKey('name'),
    imagePullSecrets: byKey('name'),
    nodeSelector: { mapType: 'atomic' },
    hostAliases: byKey('ip'),
    tolerations: atomic,
    readinessGates: atomic,
    topologySpreadConstraints: byKey('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    resourceClaims: byKey('name', ['name'], 'merge,retainKeys'),
    schedulingGates: byKey('name'),
  },
  [`${core}.Container`]: {
    command: atomic,
    args: atomic,
    ports: byKey('containerPort', ['containerPort', 'protocol']),
    envFrom: atomic,
    env: byKey('name'),
    volumeMounts: byKey('mountPath'),
    volumeDevices: byKey('devicePath'),
    resizePolicy: atomic,
  },
  [`${core}.EphemeralContainer`]: {
    command: atomic,
    args: atomic,
    ports: byKey('containerPort', ['containerPort', 'protocol']),
    envFrom: atomic,
    env: byKey('name'),
    volumeMounts: byKey('mountPath'),
    volumeDevices: byKey('devicePath'),
    resizePolicy: atomic,
  },
  [`${core}.ResourceRequirements`]: { claims: { listType: 'map', listMapKeys: ['name'] } },
  [`${core}.PodSecurityContext`]: { supplementalGroups: atomic, sysctls: atomic },
  [`${core}.Capabilities`]: { add: atomic, drop: atomic },
  [`${core}.PodStatus`]: {
    conditions,
    podIPs: byKey('ip'),
    hostIPs: byKey('ip'),
    containerStatuses: atomic,
    initContainerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
  },
  [`${core}.ServiceSpec`]: {
    ports: byKey('port', ['port', 'protocol']),
    externalIPs: atomic,
    clusterIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
  },
  [`${core}.ServiceStatus`]: { conditions },
  [`${core}.LoadBalancerStatus`]: { ingress: atomic },
  [`${core}.NodeSpec`]: { podCIDRs: { strategy: 'merge', listType: 'set' }, taints: atomic },
  [`${core}.NodeStatus`]: {
    conditions,
    addresses: byKey('type'),
    images: atomic,
    volumesInUse: atomic,
    volumesAttached: atomic,
  },
  [`${core}.NamespaceStatus`]: { conditions },
  [`${core}.PersistentVolumeClaimStatus`]: { conditions, accessModes: atomic },
  [`${core}.PersistentVolumeClaimSpec`]: { accessModes: atomic },
  [`${core}.PersistentVolumeSpec`]: { accessModes: atomic, mountOptions: atomic },
  [`${core}.ServiceAccount`]: { secrets: byKey('name'), imagePullSecrets: atomic },
  [`${core}.EndpointSubset`]: { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  [`${core}.Endpoints`]: { subsets: atomic },
  [`${core}.NodeSelector`]: { nodeSelectorTerms: atomic },
  [`${core}.NodeSelectorTerm`]: { matchExpressions: atomic, matchFields: atomic },
  [`${core}.NodeSelectorRequirement`]: { values: atomic },
  [`${core}.ResourceQuotaSpec`]: { scopes: atomic },
  [`${core}.LimitRangeSpec`]: { limits: atomic },
  [`${core}.ExecAction`]: { command: atomic },
  [`${core}.HTTPGetAction`]: { httpHeaders: atomic },
  [`${core}.ConfigMapVolumeSource`]: { items: atomic },
  [`${core}.SecretVolumeSource`]: { items: atomic },
  [`${core}.ProjectedVolumeSource`]: { sources: atomic },
  [`${core}.DownwardAPIVolumeSource`]: { items: atomic },
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { strategy: 'retainKeys' } },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions },
  'io.k8s.api.apps.v1.StatefulSetStatus': { conditions },
  'io.k8s.api.apps.v1.DaemonSetStatus': { conditions },
  'io.k8s.api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: atomic },
  'io.k8s.api.batch.v1.JobStatus': { conditions: { mergeKey: 'type', strategy: 'merge', listType: 'atomic' } },
  'io.k8s.api.batch.v1.CronJobStatus': { active: atomic },
  'io.k8s.api.batch.v1.PodFailurePolicy': { rules: atomic },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec': { metrics: atomic },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { conditions, currentMetrics: atomic },
  'io.k8s.api.networking.v1.IngressSpec': { rules: atomic, tls: atomic },
  'io.k8s.api.networking.v1.IngressTLS': { hosts: atomic },
  'io.k8s.api.networking.v1.HTTPIngressRuleValue': { paths: atomic },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { ingress: atomic, egress: atomic, policyTypes: atomic },
  'io.k8s.api.networking.v1.NetworkPolicyIngressRule': { ports: atomic, from: atomic },
  'io.k8s.api.networking.v1.NetworkPolicyEgressRule': { ports: atomic, to: atomic },
  'io.k8s.api.rbac.v1.Role': { rules: atomic },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: atomic },
  'io.k8s.api.rbac.v1.RoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.PolicyRule': {
    verbs: atomic,
    apiGroups: atomic,
    resources: atomic,
    resourceNames: atomic,
    nonResourceURLs: atomic,
  },
  'io.k8s.api.rbac.v1.AggregationRule': { clusterRoleSelectors: atomic },
  'io.k8s.api.storage.v1.StorageClass': { mountOptions: atomic, allowedTopologies: atomic },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec': { versions: atomic },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus': {
    conditions: { listType: 'map', listMapKeys: ['type'] },
    storedVersions: atomic,
  },
};

/** `+structType=atomic` / `+mapType=atomic` types: SSA replaces them whole (x-kubernetes-map-type). */
export const ATOMIC_STRUCTS: string[] = [
  `${meta}.LabelSelector`,
  `${meta}.OwnerReference`,
  `${core}.LocalObjectReference`,
  `${core}.ObjectReference`,
  `${core}.ObjectFieldSelector`,
  `${core}.ResourceFieldSelector`,
  `${core}.ConfigMapKeySelector`,
  `${core}.SecretKeySelector`,
  `${core}.NodeSelector`,
  `${core}.NodeSelectorTerm`,
  `${core}.TopologySelectorTerm`,
  `${core}.TypedLocalObjectReference`,
  `${core}.SecretReference`,
];

/** core/v1 is the legacy group: its path is /api/v1, its definitions io.k8s.api.core.v1.*. */
export function groupDefinitionPrefix(group: string, version: string): string | undefined {
  if (group === '') return `io.k8s.api.core.${version}`;
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  const first = group.split('.')[0];
  return `io.k8s.api.${first}.${version}`;
}
