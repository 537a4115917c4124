/**
 * Every built-in kind as data (ARCHITECTURE convention 1). List and detail pages are generic over KindInfo;
 * custom resources get a KindInfo from kindFromCrd() (lib/k8s/crd.ts) built out of discovery.
 */
import { type Column, col, num, withCommon } from './columns';
import { timeOf } from './machinery/age';
import { restartsText, type PodSummary } from './machinery/pod-status';
import { auxOf } from './rows/project';
import { podSummaryCached } from './kinds/pod';
import { daemonSetCounts, desiredReplicas, nodeSelectorText, readyText, selectorString, templateImages } from './kinds/workloads';
import { nodeInternalIP, nodeRoles, nodeStatus } from './kinds/node';
import { usageColumns } from '../metrics/columns';
import { endpointsText, serviceExternalIP, servicePorts, sliceEndpointsText, slicePortsText } from './kinds/service';
import { cronJobActive, jobCompletions, jobDuration, jobStatus, jobTimes } from './kinds/batch';
import { accessModes, isDefaultStorageClass, pvClaim, storageClassOf } from './kinds/storage';
import { bindingRole, bindingSubjects } from './kinds/rbac';
import { eventCount, eventLastSeen, eventObject } from './kinds/event';
import { hpaReference, hpaTargets, ingressAddress, ingressHosts, ingressPorts, networkPolicyPodSelector } from './kinds/networking';

import type { PrinterColumn } from './crd';

export type { Column, ColumnContext, ColumnFormat, CellValue } from './columns';
export type { K8sObject } from './types';

export type NavSection = 'Workloads' | 'Networking' | 'Config' | 'Storage' | 'Access control' | 'Cluster' | 'Custom resources';
export const navSections: NavSection[] = ['Workloads', 'Networking', 'Config', 'Storage', 'Access control', 'Cluster', 'Custom resources'];

export interface KindInfo {
  /** unique: plural for core, plural.group otherwise (kubectl's fully-qualified resource name) */
  id: string;
  /** '' for the core group */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  nav: NavSection;
  /** label used in navigation and headings, e.g. "Deployments" */
  title: string;
  scalable?: boolean;
  /** has container logs (pods; workloads reach logs through their pods) */
  logs?: boolean;
  /** has rollout history (deployments, statefulsets, daemonsets) */
  history?: boolean;
  /** has usage (CPU/Memory columns and a Metrics tab): pods, workloads, nodes */
  metrics?: boolean;
  /** hidden from the sidebar (still listable by URL), e.g. controllerrevisions */
  hiddenInNav?: boolean;
  columns: Column[];
  /** a custom resource's printer columns (its columns are built from them; the BFF builds the same for its rows) */
  printerColumns?: PrinterColumn[];
}

const nz = (v: unknown): number => (typeof v === 'number' ? v : 0);
const mono = { format: 'mono' as const };
const status = { format: 'status' as const, width: 130 };

function kind(k: Omit<KindInfo, 'id' | 'title'> & { title?: string }): KindInfo {
  return {
    ...k,
    id: k.group ? `${k.plural}.${k.group}` : k.plural,
    title: k.title ?? k.plural.charAt(0).toUpperCase() + k.plural.slice(1),
  };
}

const podColumns = withCommon(true, [
  col('ready', 'Ready', (o) => {
    const s = podSummaryCached(o);
    return `${s.ready}/${s.total}`;
  }, { width: 70 }),
  col('status', 'Status', (o) => podSummaryCached(o).reason, status),
  {
    id: 'restarts',
    label: 'Restarts',
    value: (o) => podSummaryCached(o).restarts,
    // the "(2m ago)" part ticks with the clock: the row carries the restart time, the browser formats it
    aux: (o) => {
      const s = podSummaryCached(o);
      return s.lastRestart && s.restarts > 0 ? { restarts: s.restarts, lastRestart: s.lastRestart } : undefined;
    },
    display: (o, ctx) => {
      const s = auxOf<Pick<PodSummary, 'restarts' | 'lastRestart'>>(o, 'restarts');
      return s ? restartsText(s, ctx.now) : undefined;
    },
    format: 'number',
    align: 'right',
    width: 110,
  },
  col('node', 'Node', (o) => o.spec?.nodeName ?? '', { width: 150 }),
  col('ip', 'IP', (o) => o.status?.podIP ?? '', { ...mono, width: 120 }),
  ...usageColumns('pod'),
]);

export const kinds: KindInfo[] = [
  // ---- Workloads
  kind({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, nav: 'Workloads', logs: true, metrics: true, columns: podColumns }),
  kind({
    group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', namespaced: true, nav: 'Workloads', metrics: true, scalable: true, title: 'ReplicationControllers',
    columns: withCommon(true, [
      num('desired', 'Desired', (o) => nz(o.spec?.replicas ?? 1)),
      num('current', 'Current', (o) => nz(o.status?.replicas)),
      num('ready', 'Ready', (o) => nz(o.status?.readyReplicas)),
      ...usageColumns('workload'),
    ]),
  }),
  kind({
    group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, nav: 'Workloads', metrics: true, scalable: true, history: true, logs: true,
    columns: withCommon(true, [
      col('ready', 'Ready', readyText, { width: 70 }),
      num('upToDate', 'Up-to-date', (o) => nz(o.status?.updatedReplicas)),
      num('available', 'Available', (o) => nz(o.status?.availableReplicas)),
      col('images', 'Images', templateImages, { ...mono, width: 260 }),
      ...usageColumns('workload'),
    ]),
  }),
  kind({
    group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, nav: 'Workloads', metrics: true, scalable: true, logs: true, title: 'ReplicaSets',
    columns: withCommon(true, [
      num('desired', 'Desired', desiredReplicas),
      num('current', 'Current', (o) => nz(o.status?.replicas)),
      num('ready', 'Ready', (o) => nz(o.status?.readyReplicas)),
      col('images', 'Images', templateImages, { ...mono, width: 260 }),
      ...usageColumns('workload'),
    ]),
  }),
  kind({
    group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, nav: 'Workloads', metrics: true, scalable: true, history: true, logs: true, title: 'StatefulSets',
    columns: withCommon(true, [col('ready', 'Ready', readyText, { width: 70 }), col('images', 'Images', templateImages, { ...mono, width: 260 }), ...usageColumns('workload')]),
  }),
  kind({
    group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, nav: 'Workloads', metrics: true, history: true, logs: true, title: 'DaemonSets',
    columns: withCommon(true, [
      num('desired', 'Desired', (o) => daemonSetCounts(o).desired),
      num('current', 'Current', (o) => daemonSetCounts(o).current),
      num('ready', 'Ready', (o) => daemonSetCounts(o).ready),
      num('upToDate', 'Up-to-date', (o) => daemonSetCounts(o).upToDate),
      num('available', 'Available', (o) => daemonSetCounts(o).available),
      col('nodeSelector', 'Node selector', nodeSelectorText, { ...mono, width: 200 }),
      ...usageColumns('workload'),
    ]),
  }),
  kind({
    group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true, nav: 'Workloads', metrics: true, logs: true,
    columns: withCommon(true, [
      col('status', 'Status', jobStatus, status),
      col('completions', 'Completions', jobCompletions, { width: 100 }),
      { id: 'duration', label: 'Duration', value: (o) => timeOf(o.status?.startTime), aux: jobTimes, display: (o, ctx) => jobDuration(auxOf(o, 'duration'), ctx.now), width: 90 },
      ...usageColumns('workload'),
    ]),
  }),
  kind({
    group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, nav: 'Workloads', title: 'CronJobs',
    columns: withCommon(true, [
      col('schedule', 'Schedule', (o) => o.spec?.schedule ?? '', { ...mono, width: 120 }),
      col('timezone', 'Timezone', (o) => o.spec?.timeZone ?? '<none>', { width: 100 }),
      col('suspend', 'Suspend', (o) => Boolean(o.spec?.suspend), { format: 'bool', width: 80 }),
      num('active', 'Active', cronJobActive),
      { id: 'lastSchedule', label: 'Last schedule', value: (o) => timeOf(o.status?.lastScheduleTime), format: 'age', width: 110, align: 'right' },
    ]),
  }),
  kind({
    group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true, nav: 'Workloads', hiddenInNav: true, title: 'ControllerRevisions',
    columns: withCommon(true, [
      col('controller', 'Controller', (o) => {
        const ref = o.metadata.ownerReferences?.find((r) => r.controller) ?? o.metadata.ownerReferences?.[0];
        return ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0]}/${ref.name}` : '<none>';
      }, { width: 240 }),
      num('revision', 'Revision', (o) => nz(o.revision)),
    ]),
  }),

  // ---- Networking
  kind({
    group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, nav: 'Networking',
    columns: withCommon(true, [
      col('type', 'Type', (o) => o.spec?.type ?? 'ClusterIP', { width: 110 }),
      col('clusterIP', 'Cluster IP', (o) => o.spec?.clusterIP ?? '', { ...mono, width: 120 }),
      col('externalIP', 'External IP', serviceExternalIP, { ...mono, width: 130 }),
      col('ports', 'Ports', servicePorts, { ...mono, width: 180 }),
      col('selector', 'Selector', (o) => selectorString(o.spec?.selector) || '<none>', { ...mono, width: 200 }),
    ]),
  }),
  kind({ group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, nav: 'Networking', columns: withCommon(true, [col('endpoints', 'Endpoints', endpointsText, { ...mono, width: 320 })]) }),
  kind({
    group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true, nav: 'Networking',
    columns: withCommon(true, [
      col('addressType', 'Address type', (o) => (o as { addressType?: string }).addressType ?? '', { width: 110 }),
      col('ports', 'Ports', slicePortsText, { width: 100 }),
      col('endpoints', 'Endpoints', sliceEndpointsText, { ...mono, width: 320 }),
    ]),
  }),
  kind({
    group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, nav: 'Networking',
    columns: withCommon(true, [
      col('class', 'Class', (o) => o.spec?.ingressClassName ?? '<none>', { width: 100 }),
      col('hosts', 'Hosts', ingressHosts, { width: 220 }),
      col('address', 'Address', ingressAddress, { ...mono, width: 140 }),
      col('ports', 'Ports', ingressPorts, { width: 80 }),
    ]),
  }),
  kind({
    group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false, nav: 'Networking', title: 'IngressClasses',
    columns: withCommon(false, [
      col('controller', 'Controller', (o) => o.spec?.controller ?? '', { width: 240 }),
      col('default', 'Default', (o) => o.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true', { format: 'bool', width: 80 }),
    ]),
  }),
  kind({
    group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, nav: 'Networking', title: 'NetworkPolicies',
    columns: withCommon(true, [col('podSelector', 'Pod selector', networkPolicyPodSelector, { ...mono, width: 240 })]),
  }),

  // ---- Config
  kind({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, nav: 'Config', title: 'ConfigMaps',
    columns: withCommon(true, [num('data', 'Data', (o) => Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length)]) }),
  kind({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, nav: 'Config',
    columns: withCommon(true, [col('type', 'Type', (o) => (o.type as string) ?? 'Opaque', { width: 240 }), num('data', 'Data', (o) => Object.keys((o.data as object) ?? {}).length)]) }),
  kind({ group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, nav: 'Config', title: 'ResourceQuotas',
    columns: withCommon(true, [col('request', 'Request', (o) => Object.entries((o.status?.hard as Record<string, string>) ?? {}).map(([k, v]) => `${k}: ${o.status?.used?.[k] ?? '0'}/${v}`).join(', '), { width: 360 })]) }),
  kind({ group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true, nav: 'Config', title: 'LimitRanges', columns: withCommon(true, []) }),
  kind({
    group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, nav: 'Config', title: 'PodDisruptionBudgets',
    columns: withCommon(true, [
      col('minAvailable', 'Min available', (o) => String(o.spec?.minAvailable ?? 'N/A'), { width: 110 }),
      col('maxUnavailable', 'Max unavailable', (o) => String(o.spec?.maxUnavailable ?? 'N/A'), { width: 120 }),
      num('allowed', 'Allowed disruptions', (o) => nz(o.status?.disruptionsAllowed)),
    ]),
  }),
  kind({
    group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, nav: 'Config', title: 'HorizontalPodAutoscalers',
    columns: withCommon(true, [
      col('reference', 'Reference', hpaReference, { width: 200 }),
      col('targets', 'Targets', hpaTargets, { width: 180 }),
      num('minPods', 'Min pods', (o) => o.spec?.minReplicas ?? 1),
      num('maxPods', 'Max pods', (o) => nz(o.spec?.maxReplicas)),
      num('replicas', 'Replicas', (o) => nz(o.status?.currentReplicas)),
    ]),
  }),

  // ---- Storage
  kind({
    group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, nav: 'Storage', title: 'PersistentVolumeClaims',
    columns: withCommon(true, [
      col('status', 'Status', (o) => (o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? ''), status),
      col('volume', 'Volume', (o) => o.spec?.volumeName ?? '', { width: 200 }),
      col('capacity', 'Capacity', (o) => o.status?.capacity?.storage ?? '', { width: 90 }),
      col('accessModes', 'Access modes', accessModes, { width: 100 }),
      col('storageClass', 'Storage class', storageClassOf, { width: 130 }),
    ]),
  }),
  kind({
    group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, nav: 'Storage', title: 'PersistentVolumes',
    columns: withCommon(false, [
      col('capacity', 'Capacity', (o) => o.spec?.capacity?.storage ?? '', { width: 90 }),
      col('accessModes', 'Access modes', accessModes, { width: 100 }),
      col('reclaimPolicy', 'Reclaim policy', (o) => o.spec?.persistentVolumeReclaimPolicy ?? '', { width: 110 }),
      col('status', 'Status', (o) => (o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? ''), status),
      col('claim', 'Claim', pvClaim, { width: 220 }),
      col('storageClass', 'Storage class', storageClassOf, { width: 130 }),
    ]),
  }),
  kind({
    group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, nav: 'Storage', title: 'StorageClasses',
    columns: withCommon(false, [
      col('provisioner', 'Provisioner', (o) => (o.provisioner as string) ?? '', { width: 220 }),
      col('reclaimPolicy', 'Reclaim policy', (o) => (o.reclaimPolicy as string) ?? 'Delete', { width: 110 }),
      col('bindingMode', 'Volume binding mode', (o) => (o.volumeBindingMode as string) ?? 'Immediate', { width: 160 }),
      col('expansion', 'Allow expansion', (o) => Boolean(o.allowVolumeExpansion), { format: 'bool', width: 110 }),
      col('default', 'Default', isDefaultStorageClass, { format: 'bool', width: 80 }),
    ]),
  }),

  // ---- Access control
  kind({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, nav: 'Access control', title: 'ServiceAccounts',
    columns: withCommon(true, [num('secrets', 'Secrets', (o) => ((o.secrets as unknown[]) ?? []).length)]) }),
  kind({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true, nav: 'Access control',
    columns: withCommon(true, [num('rules', 'Rules', (o) => ((o.rules as unknown[]) ?? []).length)]) }),
  kind({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true, nav: 'Access control', title: 'RoleBindings', columns: withCommon(true, bindingColumns()) }),
  kind({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false, nav: 'Access control', title: 'ClusterRoles',
    columns: withCommon(false, [num('rules', 'Rules', (o) => ((o.rules as unknown[]) ?? []).length)]) }),
  kind({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false, nav: 'Access control', title: 'ClusterRoleBindings', columns: withCommon(false, bindingColumns()) }),

  // ---- Cluster
  kind({
    group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, nav: 'Cluster', metrics: true,
    columns: withCommon(false, [
      col('status', 'Status', nodeStatus, status),
      col('roles', 'Roles', nodeRoles, { width: 120 }),
      col('version', 'Version', (o) => o.status?.nodeInfo?.kubeletVersion ?? '', { width: 100 }),
      col('internalIP', 'Internal IP', nodeInternalIP, { ...mono, width: 120 }),
      ...usageColumns('node'),
    ]),
  }),
  kind({
    group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, nav: 'Cluster', title: 'PriorityClasses',
    columns: withCommon(false, [
      num('value', 'Value', (o) => nz((o as { value?: number }).value)),
      col('globalDefault', 'Global default', (o) => Boolean((o as { globalDefault?: boolean }).globalDefault), { format: 'bool', width: 110 }),
      col('preemption', 'Preemption policy', (o) => (o as { preemptionPolicy?: string }).preemptionPolicy ?? 'PreemptLowerPriority', { width: 170 }),
    ]),
  }),
  kind({
    group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, nav: 'Cluster',
    columns: withCommon(true, [col('holder', 'Holder', (o) => o.spec?.holderIdentity ?? '', { width: 260 })]),
  }),
  kind({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, nav: 'Cluster',
    columns: withCommon(false, [col('status', 'Status', (o) => o.status?.phase ?? 'Active', status)]) }),
  kind({
    group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, nav: 'Cluster',
    columns: [
      { id: 'lastSeen', label: 'Last seen', value: (o) => timeOf(eventLastSeen(o)), sort: (a, b) => (b === null ? -1 : a === null ? 1 : (b as number) - (a as number)), format: 'age', width: 90, align: 'right' },
      col('type', 'Type', (o) => (o.type as string) ?? '', status),
      col('reason', 'Reason', (o) => (o.reason as string) ?? '', { width: 150 }),
      col('object', 'Object', eventObject, { width: 220 }),
      col('message', 'Message', (o) => (o.message as string) ?? '', { width: 420 }),
      num('count', 'Count', eventCount),
      col('namespace', 'Namespace', (o) => o.metadata.namespace ?? '', { width: 140 }),
      col('name', 'Name', (o) => o.metadata.name, { format: 'name', width: 200 }),
    ],
  }),
  kind({
    group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, nav: 'Custom resources', title: 'CustomResourceDefinitions',
    columns: withCommon(false, [
      col('group', 'Group', (o) => o.spec?.group ?? '', { width: 200 }),
      col('kind', 'Kind', (o) => o.spec?.names?.kind ?? '', { width: 160 }),
      col('scope', 'Scope', (o) => o.spec?.scope ?? '', { width: 100 }),
      col('versions', 'Versions', (o) => ((o.spec?.versions ?? []) as { name: string; served?: boolean }[]).filter((v) => v.served).map((v) => v.name).join(','), { width: 120 }),
    ]),
  }),
];

function bindingColumns(): Column[] {
  return [
    col('role', 'Role', bindingRole, { width: 220 }),
    col('users', 'Users', (o) => bindingSubjects(o, 'User'), { width: 160 }),
    col('groups', 'Groups', (o) => bindingSubjects(o, 'Group'), { width: 160 }),
    col('serviceAccounts', 'Service accounts', (o) => bindingSubjects(o, 'ServiceAccount'), { width: 200 }),
  ];
}

const byResource = new Map(kinds.map((k) => [`${k.group}/${k.plural}`, k]));
const byKind = new Map(kinds.map((k) => [`${k.group}/${k.kind}`, k]));
const byId = new Map(kinds.map((k) => [k.id, k]));

/** group '' for the core group (URL segments are converted at the edge: lib/k8s/client/ref.ts). */
export function kindByResource(group: string, resource: string): KindInfo | undefined {
  return byResource.get(`${group}/${resource}`);
}

/** For owner references and involvedObject: apiVersion + kind → built-in KindInfo. */
export function kindByKind(group: string, kindName: string): KindInfo | undefined {
  return byKind.get(`${group}/${kindName}`);
}

export function kindById(id: string): KindInfo | undefined {
  return byId.get(id);
}

/** Built-in kinds shown in a navigation section, in registry order. */
export function kindsInNav(section: NavSection): KindInfo[] {
  return kinds.filter((k) => k.nav === section && !k.hiddenInNav);
}

/** Column lookup used by components that render a value with its kind's formatting. */
export function columnOf(k: KindInfo, id: string): Column | undefined {
  return k.columns.find((c) => c.id === id);
}

const words = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** The kind's plural in prose: "config maps", "pods". */
export function pluralWords(k: KindInfo): string {
  return words(k.title);
}

/** A name for the object in messages: "3 pods", "1 deployment". */
export function countLabel(k: KindInfo, count: number): string {
  return `${count} ${count === 1 ? words(k.kind) : words(k.title)}`;
}

