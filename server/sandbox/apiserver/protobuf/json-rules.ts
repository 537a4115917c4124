/**
 * Where the protobuf and JSON forms of a Kubernetes object differ, keyed by "<MessageName>.<protoField>"
 * (message simple names are unique across the schema; a unit test checks that).
 *
 * go-to-protobuf writes every non-pointer field, even when empty, while encoding/json drops empty values of
 * `omitempty` fields. So a zero scalar on the wire is dropped from the JSON unless the Go field is a pointer
 * (zero is then an explicit choice, e.g. `replicas: 0`, `suspend: false`) or has no `omitempty` (e.g.
 * `containerPort`, `value`): those fields are listed in KEEP_ZERO.
 */

/** Embedded Go structs (`json:",inline"`): their fields merge into the parent's JSON object. */
export const INLINE = new Set<string>([
  'ConfigMapEnvSource.localObjectReference',
  'ConfigMapKeySelector.localObjectReference',
  'ConfigMapProjection.localObjectReference',
  'ConfigMapVolumeSource.localObjectReference',
  'SecretEnvSource.localObjectReference',
  'SecretKeySelector.localObjectReference',
  'SecretProjection.localObjectReference',
  'EphemeralContainer.ephemeralContainerCommon',
  'Probe.handler',
  'Volume.volumeSource',
  'IngressRule.ingressRuleValue',
]);

/** Proto field names that differ from the JSON name. */
export const RENAME: Readonly<Record<string, string>> = {
  // (FieldsV1.Raw is handled as a special type: its bytes are the JSON value itself.)
  'BoundObjectReference.aPIVersion': 'apiVersion',
  'BoundObjectReference.uID': 'uid',
};

const keep = (type: string, fields: string[]) => fields.map((f) => `${type}.${f}`);

/** Scalars whose zero value ("" / 0 / false) is kept in the JSON (pointer or non-omitempty Go fields). */
export const KEEP_ZERO = new Set<string>([
  // meta/v1
  ...keep('ObjectMeta', ['deletionGracePeriodSeconds']),
  ...keep('OwnerReference', ['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion']),
  ...keep('LabelSelectorRequirement', ['key', 'operator']),
  ...keep('Condition', ['type', 'status', 'reason', 'message']),
  // core/v1: data sources and volumes
  ...keep('ConfigMap', ['immutable']),
  ...keep('Secret', ['immutable']),
  ...keep('ConfigMapEnvSource', ['optional']),
  ...keep('ConfigMapKeySelector', ['key', 'optional']),
  ...keep('ConfigMapProjection', ['optional']),
  ...keep('ConfigMapVolumeSource', ['defaultMode', 'optional']),
  ...keep('SecretEnvSource', ['optional']),
  ...keep('SecretKeySelector', ['key', 'optional']),
  ...keep('SecretProjection', ['optional']),
  ...keep('SecretVolumeSource', ['defaultMode', 'optional']),
  ...keep('FileKeySelector', ['volumeName', 'path', 'key', 'optional']),
  ...keep('KeyToPath', ['key', 'path', 'mode']),
  ...keep('DownwardAPIVolumeFile', ['path', 'mode']),
  ...keep('DownwardAPIVolumeSource', ['defaultMode']),
  ...keep('ProjectedVolumeSource', ['defaultMode']),
  ...keep('ServiceAccountTokenProjection', ['path', 'expirationSeconds']),
  ...keep('ClusterTrustBundleProjection', ['name', 'signerName', 'path', 'optional']),
  ...keep('PodCertificateProjection', ['signerName', 'keyType', 'maxExpirationSeconds']),
  ...keep('CSIVolumeSource', ['driver', 'readOnly', 'fsType']),
  ...keep('FCVolumeSource', ['lun']),
  ...keep('ISCSIVolumeSource', ['targetPortal', 'iqn', 'lun', 'initiatorName']),
  ...keep('HostPathVolumeSource', ['path', 'type']),
  ...keep('NFSVolumeSource', ['server', 'path']),
  ...keep('PersistentVolumeClaimVolumeSource', ['claimName']),
  ...keep('PersistentVolumeClaimSpec', ['storageClassName', 'volumeMode', 'volumeAttributesClassName']),
  ...keep('TypedLocalObjectReference', ['apiGroup', 'kind', 'name']),
  ...keep('TypedObjectReference', ['apiGroup', 'kind', 'name', 'namespace']),
  ...keep('ObjectFieldSelector', ['fieldPath']),
  ...keep('ResourceFieldSelector', ['resource']),
  ...keep('Volume', ['name']),
  ...keep('VolumeMount', ['name', 'mountPath', 'recursiveReadOnly', 'mountPropagation']),
  ...keep('VolumeDevice', ['name', 'devicePath']),
  // core/v1: containers
  ...keep('Container', ['name', 'restartPolicy']),
  ...keep('EphemeralContainerCommon', ['name', 'restartPolicy']),
  ...keep('ContainerPort', ['containerPort']),
  ...keep('EnvVar', ['name']),
  ...keep('HTTPHeader', ['name', 'value']),
  ...keep('GRPCAction', ['port', 'service']),
  ...keep('SleepAction', ['seconds']),
  ...keep('Lifecycle', ['stopSignal']),
  ...keep('Probe', ['terminationGracePeriodSeconds']),
  ...keep('ContainerResizePolicy', ['resourceName', 'restartPolicy']),
  ...keep('ContainerRestartRule', ['action']),
  ...keep('ContainerRestartRuleOnExitCodes', ['operator']),
  ...keep('ResourceClaim', ['name']),
  ...keep('SecurityContext', [
    'privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem',
    'allowPrivilegeEscalation', 'procMount',
  ]),
  ...keep('PodSecurityContext', [
    'runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'fsGroupChangePolicy', 'supplementalGroupsPolicy',
    'seLinuxChangePolicy',
  ]),
  ...keep('WindowsSecurityContextOptions', ['gmsaCredentialSpecName', 'gmsaCredentialSpec', 'runAsUserName', 'hostProcess']),
  ...keep('SeccompProfile', ['type', 'localhostProfile']),
  ...keep('AppArmorProfile', ['type', 'localhostProfile']),
  ...keep('Sysctl', ['name', 'value']),
  ...keep('Ulimit', ['name', 'hard', 'soft']),
  // core/v1: pod spec
  ...keep('PodSpec', [
    'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken',
    'shareProcessNamespace', 'priority', 'enableServiceLinks', 'preemptionPolicy', 'setHostnameAsFQDN',
    'hostUsers', 'runtimeClassName', 'hostnameOverride',
  ]),
  ...keep('Toleration', ['tolerationSeconds']),
  ...keep('TopologySpreadConstraint', ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy']),
  ...keep('WeightedPodAffinityTerm', ['weight']),
  ...keep('PreferredSchedulingTerm', ['weight']),
  ...keep('PodAffinityTerm', ['topologyKey']),
  ...keep('NodeSelectorRequirement', ['key', 'operator']),
  ...keep('PodDNSConfigOption', ['value']),
  ...keep('PodReadinessGate', ['conditionType']),
  ...keep('PodResourceClaim', ['name', 'resourceClaimName', 'resourceClaimTemplateName']),
  ...keep('PodSchedulingGate', ['name']),
  ...keep('PodOS', ['name']),
  ...keep('WorkloadReference', ['name', 'podGroup', 'podGroupReplicaKey']),
  // core/v1: service, service account, quota
  ...keep('ServicePort', ['port', 'appProtocol']),
  ...keep('ServiceSpec', [
    'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy',
    'trafficDistribution',
  ]),
  ...keep('ClientIPConfig', ['timeoutSeconds']),
  ...keep('LoadBalancerIngress', ['ipMode']),
  ...keep('PortStatus', ['port', 'protocol', 'error']),
  ...keep('ServiceAccount', ['automountServiceAccountToken']),
  ...keep('ScopedResourceSelectorRequirement', ['scopeName', 'operator']),
  ...keep('NamespaceCondition', ['type', 'status']),
  // apps/v1
  ...keep('DeploymentSpec', ['replicas', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'podReplacementPolicy']),
  ...keep('DeploymentStatus', ['terminatingReplicas', 'collisionCount']),
  ...keep('DeploymentCondition', ['type', 'status']),
  ...keep('ReplicaSetSpec', ['replicas']),
  ...keep('ReplicaSetStatus', ['replicas', 'terminatingReplicas']),
  ...keep('ReplicaSetCondition', ['type', 'status']),
  // batch/v1
  ...keep('CronJobSpec', [
    'schedule', 'timeZone', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit',
    'failedJobsHistoryLimit',
  ]),
  ...keep('JobSpec', [
    'parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex',
    'maxFailedIndexes', 'manualSelector', 'ttlSecondsAfterFinished', 'completionMode', 'suspend',
    'podReplacementPolicy', 'managedBy',
  ]),
  ...keep('JobStatus', ['terminating', 'ready']),
  ...keep('JobCondition', ['type', 'status']),
  ...keep('PodFailurePolicyRule', ['action']),
  ...keep('PodFailurePolicyOnExitCodesRequirement', ['containerName', 'operator']),
  ...keep('PodFailurePolicyOnPodConditionsPattern', ['type', 'status']),
  ...keep('SuccessPolicyRule', ['succeededIndexes', 'succeededCount']),
  // rbac/v1
  ...keep('RoleRef', ['apiGroup', 'kind', 'name']),
  ...keep('Subject', ['kind', 'name']),
  // networking/v1
  ...keep('IngressSpec', ['ingressClassName']),
  ...keep('HTTPIngressPath', ['pathType']),
  ...keep('IngressServiceBackend', ['name']),
  ...keep('IngressPortStatus', ['port', 'protocol', 'error']),
  // policy/v1
  ...keep('PodDisruptionBudgetSpec', ['unhealthyPodEvictionPolicy']),
  ...keep('PodDisruptionBudgetStatus', ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']),
  // scheduling/v1
  ...keep('PriorityClass', ['value', 'preemptionPolicy']),
  // authentication/v1
  ...keep('TokenRequestSpec', ['expirationSeconds']),
  ...keep('TokenRequestStatus', ['token']),
  // autoscaling/v1
  ...keep('CrossVersionObjectReference', ['kind', 'name']),
  ...keep('HorizontalPodAutoscalerSpec', ['minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage']),
  ...keep('HorizontalPodAutoscalerStatus', ['observedGeneration', 'currentReplicas', 'desiredReplicas', 'currentCPUUtilizationPercentage']),
  ...keep('ScaleStatus', ['replicas']),
]);

/** Message types with a JSON form of their own (not an object of their fields). */
export const SPECIAL = {
  time: 'k8s.io.apimachinery.pkg.apis.meta.v1.Time',
  microTime: 'k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime',
  duration: 'k8s.io.apimachinery.pkg.apis.meta.v1.Duration',
  fieldsV1: 'k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1',
  quantity: 'k8s.io.apimachinery.pkg.api.resource.Quantity',
  intOrString: 'k8s.io.apimachinery.pkg.util.intstr.IntOrString',
  rawExtension: 'k8s.io.apimachinery.pkg.runtime.RawExtension',
} as const;
