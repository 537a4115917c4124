/**
 * kubectl's columns for built-in kinds, following upstream pkg/printers/internalversion/printers.go
 * (names, order, priority 1 = shown with -o wide).
 */
import type { KObject } from '../types';
import { selectorString } from './scale';
import { ageOf } from '../../../lib/k8s/machinery/age';
import { formatLabels } from '../../../lib/k8s/machinery/labels';
import { podSummary, restartsText, type PodSummary } from '../../../lib/k8s/machinery/pod-status';
import { jobCompletions, jobDuration, jobStatus } from '../../../lib/k8s/machinery/job-status';
import { coreEventOf } from './events-view';
import { hpaV2Of } from './hpa-v1';

export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  value: (o: KObject) => Cell;
}

/** AGE-style cell at request time (kubectl's translateTimestampSince). */
export function humanAge(ts: string | undefined): string {
  return ageOf(ts, Date.now());
}

function moreList(list: string[]): string {
  if (!list.length) return '<unset>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function c(name: string, value: (o: Any) => Cell, opts: { type?: string; priority?: number; format?: string; description?: string } = {}): Column {
  return {
    name,
    type: opts.type ?? 'string',
    format: opts.format ?? '',
    description: opts.description ?? name,
    priority: opts.priority ?? 0,
    value: value as (o: KObject) => Cell,
  };
}

export const NAME_COL = c('Name', (o) => o.metadata.name ?? '', {
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
});
export const AGE_COL = c('Age', (o) => humanAge(o.metadata.creationTimestamp), {
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
});
const CREATED_AT = c('Created At', (o) => o.metadata.creationTimestamp ?? '', { type: 'date' });
const wide = { priority: 1 };
const int = { type: 'integer' };

const containers = (spec: Any | undefined) => ((spec?.template?.spec?.containers ?? []) as Any[]);
const CONTAINERS = c('Containers', (o) => containers(o.spec).map((x) => x.name).join(','), wide);
const IMAGES = c('Images', (o) => containers(o.spec).map((x) => x.image).join(','), wide);
const SELECTOR = c('Selector', (o) => selectorString(o.spec?.selector) || '<none>', wide);
/** ReplicaSets and ReplicationControllers print the same columns */
const REPLICA_COLS = [
  NAME_COL,
  c('Desired', (r) => r.spec?.replicas ?? 0, int),
  c('Current', (r) => r.status?.replicas ?? 0, int),
  c('Ready', (r) => r.status?.readyReplicas ?? 0, int),
  AGE_COL,
  CONTAINERS,
  IMAGES,
  SELECTOR,
];

/** printPod's READY, STATUS and RESTARTS come from one pass; the three columns share it per object. */
const podSummaries = new WeakMap<object, PodSummary>();
function pod(p: Any): PodSummary {
  let s = podSummaries.get(p);
  if (!s) podSummaries.set(p, (s = podSummary(p)));
  return s;
}

function svcExternal(s: Any): string {
  const ing = (s.status?.loadBalancer?.ingress ?? []) as Any[];
  const ext = (s.spec?.externalIPs ?? []) as string[];
  switch (s.spec?.type) {
    case 'ClusterIP':
      return ext.length ? ext.join(',') : '<none>';
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ips = [...ing.map((i) => i.ip || i.hostname), ...ext].filter(Boolean);
      return ips.length ? ips.join(',') : '<pending>';
    }
    case 'ExternalName':
      return s.spec.externalName ?? '';
  }
  return '<unknown>';
}

function svcPorts(s: Any): string {
  const ports = (s.spec?.ports ?? []) as Any[];
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function nodeStatus(n: Any): string {
  const ready = ((n.status?.conditions ?? []) as Any[]).find((x) => x.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(n: Any): string {
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}

function nodeAddr(n: Any, type: string): string {
  return ((n.status?.addresses ?? []) as Any[]).find((a) => a.type === type)?.address ?? '<none>';
}

// upstream printEvent on the internal (core) Event: events.k8s.io Events print through their core form
function eventObject(e: Any): string {
  const io = e.involvedObject ?? {};
  const kind = String(io.kind ?? '').toLowerCase();
  return io.name ? `${kind}/${io.name}` : kind;
}

const since = (t: string | null | undefined) => (t ? humanAge(t) : '<unknown>');
const eventFirstSeen = (e: Any) => (e.firstTimestamp ? since(e.firstTimestamp) : since(e.eventTime));

function eventLastSeen(e: Any): string {
  if (e.series) return since(e.series.lastObservedTime);
  return e.lastTimestamp ? since(e.lastTimestamp) : eventFirstSeen(e);
}

/** upstream formatEventSource: component (or reportingController), then ", host" (or reportingInstance) */
function eventSource(e: Any): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

const EVENT_COLUMNS = [
  c('Last Seen', eventLastSeen),
  c('Type', (e) => e.type ?? ''),
  c('Reason', (e) => e.reason ?? ''),
  c('Object', eventObject),
  c('Subobject', (e) => e.involvedObject?.fieldPath ?? '', wide),
  c('Source', eventSource, wide),
  c('Message', (e) => String(e.message ?? '').trim()),
  c('First Seen', eventFirstSeen, wide),
  c('Count', (e) => (e.series ? (e.series.count ?? 0) : e.count || 1), { ...wide, type: 'integer' }),
  c('Name', (e) => e.metadata.name ?? '', { ...wide, format: 'name' }),
];

function quotaCell(q: Any, limits: boolean): string {
  const hard: Record<string, string> = q.status?.hard ?? q.spec?.hard ?? {};
  return Object.keys(hard)
    .filter((k) => k.startsWith('limits.') === limits)
    .map((k) => `${k}: ${q.status?.used?.[k] ?? 0}/${hard[k]}`)
    .join(', ');
}

const access = (m: string[] | undefined) =>
  (m ?? []).map((x) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[x] ?? x).join(',');

export const BUILTIN_COLUMNS: Record<string, Column[]> = {
  '/pods': [
    NAME_COL,
    c('Ready', (p) => `${pod(p).ready}/${pod(p).total}`),
    c('Status', (p) => pod(p).reason),
    c('Restarts', (p) => restartsText(pod(p), Date.now())),
    AGE_COL,
    c('IP', (p) => p.status?.podIP || '<none>', wide),
    c('Node', (p) => p.spec?.nodeName || '<none>', wide),
    c('Nominated Node', (p) => p.status?.nominatedNodeName || '<none>', wide),
    c('Readiness Gates', (p) => ((p.spec?.readinessGates ?? []) as Any[]).length ? `${(p.spec.readinessGates as Any[]).length}` : '<none>', wide),
  ],
  'apps/deployments': [
    NAME_COL,
    c('Ready', (d) => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`),
    c('Up-to-date', (d) => d.status?.updatedReplicas ?? 0, int),
    c('Available', (d) => d.status?.availableReplicas ?? 0, int),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  'apps/replicasets': REPLICA_COLS,
  '/replicationcontrollers': REPLICA_COLS,
  'apps/statefulsets': [NAME_COL, c('Ready', (s) => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`), AGE_COL, CONTAINERS, IMAGES],
  'apps/daemonsets': [
    NAME_COL,
    c('Desired', (d) => d.status?.desiredNumberScheduled ?? 0, int),
    c('Current', (d) => d.status?.currentNumberScheduled ?? 0, int),
    c('Ready', (d) => d.status?.numberReady ?? 0, int),
    c('Up-to-date', (d) => d.status?.updatedNumberScheduled ?? 0, int),
    c('Available', (d) => d.status?.numberAvailable ?? 0, int),
    c('Node Selector', (d) => formatLabels(d.spec?.template?.spec?.nodeSelector)),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  'apps/controllerrevisions': [
    NAME_COL,
    c('Controller', (r) => {
      const o = ((r.metadata.ownerReferences ?? []) as Any[]).find((x) => x.controller);
      return o ? `${String(o.kind).toLowerCase()}.${String(o.apiVersion).split('/')[0]}/${o.name}` : '<none>';
    }),
    c('Revision', (r) => r.revision ?? 0, int),
    AGE_COL,
  ],
  'batch/jobs': [
    NAME_COL,
    c('Status', (j) => jobStatus(j)),
    c('Completions', (j) => jobCompletions(j)),
    c('Duration', (j) => jobDuration(j, Date.now())),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  'batch/cronjobs': [
    NAME_COL,
    c('Schedule', (j) => j.spec?.schedule ?? ''),
    c('Timezone', (j) => j.spec?.timeZone ?? '<none>'),
    c('Suspend', (j) => String(!!j.spec?.suspend)),
    c('Active', (j) => (j.status?.active ?? []).length, int),
    c('Last Schedule', (j) => (j.status?.lastScheduleTime ? humanAge(j.status.lastScheduleTime) : '<none>')),
    AGE_COL,
    c('Containers', (j) => containers(j.spec?.jobTemplate?.spec).map((x) => x.name).join(','), wide),
    c('Images', (j) => containers(j.spec?.jobTemplate?.spec).map((x) => x.image).join(','), wide),
    c('Selector', (j) => selectorString(j.spec?.jobTemplate?.spec?.selector) || '<none>', wide),
  ],
  '/services': [
    NAME_COL,
    c('Type', (s) => s.spec?.type ?? 'ClusterIP'),
    c('Cluster-IP', (s) => s.spec?.clusterIP || '<none>'),
    c('External-IP', svcExternal),
    c('Port(s)', svcPorts),
    AGE_COL,
    c('Selector', (s) => formatLabels(s.spec?.selector), wide),
  ],
  '/endpoints': [
    NAME_COL,
    c('Endpoints', (e) => {
      const list: string[] = [];
      for (const s of (e.subsets ?? []) as Any[]) for (const a of (s.addresses ?? []) as Any[]) for (const p of (s.ports ?? [{}]) as Any[]) list.push(p.port ? `${a.ip}:${p.port}` : a.ip);
      if (!list.length) return '<none>';
      return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
    }),
    AGE_COL,
  ],
  // upstream formatDiscoveryPorts / formatDiscoveryEndpoints: at most 3 shown, then "+ N more..."
  'discovery.k8s.io/endpointslices': [
    NAME_COL,
    c('AddressType', (s) => s.addressType ?? ''),
    c('Ports', (s) => moreList(((s.ports ?? []) as Any[]).map((p) => (p.port === undefined || p.port === null ? '<unset>' : String(p.port))))),
    c('Endpoints', (s) => moreList(((s.endpoints ?? []) as Any[]).flatMap((e) => (e.addresses ?? []) as string[]))),
    AGE_COL,
  ],
  '/configmaps': [NAME_COL, c('Data', (m) => Object.keys(m.data ?? {}).length + Object.keys(m.binaryData ?? {}).length, int), AGE_COL],
  '/secrets': [NAME_COL, c('Type', (s) => s.type ?? ''), c('Data', (s) => Object.keys(s.data ?? {}).length, int), AGE_COL],
  '/serviceaccounts': [NAME_COL, c('Secrets', (s) => (s.secrets ?? []).length, int), AGE_COL],
  '/namespaces': [NAME_COL, c('Status', (n) => n.status?.phase ?? ''), AGE_COL],
  '/nodes': [
    NAME_COL,
    c('Status', nodeStatus),
    c('Roles', nodeRoles),
    AGE_COL,
    c('Version', (n) => n.status?.nodeInfo?.kubeletVersion ?? ''),
    c('Internal-IP', (n) => nodeAddr(n, 'InternalIP'), wide),
    c('External-IP', (n) => nodeAddr(n, 'ExternalIP'), wide),
    c('OS-Image', (n) => n.status?.nodeInfo?.osImage ?? '<unknown>', wide),
    c('Kernel-Version', (n) => n.status?.nodeInfo?.kernelVersion ?? '<unknown>', wide),
    c('Container-Runtime', (n) => n.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>', wide),
  ],
  '/events': EVENT_COLUMNS,
  'events.k8s.io/events': EVENT_COLUMNS.map((col) => ({ ...col, value: (o: KObject) => col.value(coreEventOf(o)) })),
  '/persistentvolumes': [
    NAME_COL,
    c('Capacity', (p) => p.spec?.capacity?.storage ?? ''),
    c('Access Modes', (p) => access(p.spec?.accessModes)),
    c('Reclaim Policy', (p) => p.spec?.persistentVolumeReclaimPolicy ?? ''),
    c('Status', (p) => p.status?.phase ?? ''),
    c('Claim', (p) => (p.spec?.claimRef ? `${p.spec.claimRef.namespace}/${p.spec.claimRef.name}` : '')),
    c('StorageClass', (p) => p.spec?.storageClassName ?? ''),
    c('VolumeAttributesClass', (p) => p.spec?.volumeAttributesClassName ?? '<unset>'),
    c('Reason', (p) => p.status?.reason ?? ''),
    AGE_COL,
    c('VolumeMode', (p) => p.spec?.volumeMode ?? 'Filesystem', wide),
  ],
  '/persistentvolumeclaims': [
    NAME_COL,
    c('Status', (p) => (p.metadata.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? ''))),
    c('Volume', (p) => p.spec?.volumeName ?? ''),
    c('Capacity', (p) => p.status?.capacity?.storage ?? ''),
    c('Access Modes', (p) => access(p.status?.accessModes)),
    c('StorageClass', (p) => p.spec?.storageClassName ?? ''),
    c('VolumeAttributesClass', (p) => p.spec?.volumeAttributesClassName ?? '<unset>'),
    AGE_COL,
    c('VolumeMode', (p) => p.spec?.volumeMode ?? 'Filesystem', wide),
  ],
  '/resourcequotas': [
    NAME_COL,
    AGE_COL,
    c('Request', (q) => quotaCell(q, false)),
    c('Limit', (q) => quotaCell(q, true)),
  ],
  '/limitranges': [NAME_COL, CREATED_AT],
  'networking.k8s.io/ingresses': [
    NAME_COL,
    c('Class', (i) => i.spec?.ingressClassName ?? '<none>'),
    c('Hosts', (i) => ((i.spec?.rules ?? []) as Any[]).map((r) => r.host).filter(Boolean).join(',') || '*'),
    c('Address', (i) => ((i.status?.loadBalancer?.ingress ?? []) as Any[]).map((x) => x.ip || x.hostname).join(',')),
    c('Ports', (i) => ((i.spec?.tls ?? []).length ? '80, 443' : '80')),
    AGE_COL,
  ],
  'networking.k8s.io/ingressclasses': [
    NAME_COL,
    c('Controller', (i) => i.spec?.controller ?? ''),
    c('Parameters', (i) => {
      const p = i.spec?.parameters;
      return p ? `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}` : '<none>';
    }),
    AGE_COL,
  ],
  'networking.k8s.io/networkpolicies': [NAME_COL, c('Pod-Selector', (n) => selectorString(n.spec?.podSelector) || '<none>'), AGE_COL],
  'autoscaling/horizontalpodautoscalers': [
    NAME_COL,
    c('Reference', (h) => `${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`),
    c('Targets', (o) => {
      const h = hpaV2Of(o as KObject) as Any; // v1 views print from their stored v2 form
      const cur = (h.status?.currentMetrics ?? []) as Any[];
      const parts = ((h.spec?.metrics ?? []) as Any[]).map((m, i) => {
        const t = m.resource?.target;
        const cv = cur[i]?.resource?.current;
        if (t?.averageUtilization !== undefined) return `${m.resource.name}: ${cv?.averageUtilization !== undefined ? `${cv.averageUtilization}%` : '<unknown>'}/${t.averageUtilization}%`;
        const value = `${cv?.averageValue ?? '<unknown>'}/${t?.averageValue ?? t?.value ?? '<unknown>'}`;
        return m.type === 'Resource' ? `${m.resource.name}: ${value}` : value;
      });
      return parts.join(', ') || '<none>';
    }),
    c('MinPods', (h) => h.spec?.minReplicas ?? 1, int),
    c('MaxPods', (h) => h.spec?.maxReplicas ?? 0, int),
    c('Replicas', (h) => h.status?.currentReplicas ?? 0, int),
    AGE_COL,
  ],
  'policy/poddisruptionbudgets': [
    NAME_COL,
    c('Min Available', (p) => (p.spec?.minAvailable !== undefined ? String(p.spec.minAvailable) : 'N/A')),
    c('Max Unavailable', (p) => (p.spec?.maxUnavailable !== undefined ? String(p.spec.maxUnavailable) : 'N/A')),
    c('Allowed Disruptions', (p) => p.status?.disruptionsAllowed ?? 0, int),
    AGE_COL,
  ],
  'rbac.authorization.k8s.io/roles': [NAME_COL, CREATED_AT],
  'rbac.authorization.k8s.io/clusterroles': [NAME_COL, CREATED_AT],
  'rbac.authorization.k8s.io/rolebindings': [
    NAME_COL,
    c('Role', (b) => `${b.roleRef?.kind}/${b.roleRef?.name}`),
    AGE_COL,
    c('Users', (b) => ((b.subjects ?? []) as Any[]).filter((s) => s.kind === 'User').map((s) => s.name).join(', '), wide),
    c('Groups', (b) => ((b.subjects ?? []) as Any[]).filter((s) => s.kind === 'Group').map((s) => s.name).join(', '), wide),
    c('ServiceAccounts', (b) => ((b.subjects ?? []) as Any[]).filter((s) => s.kind === 'ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', '), wide),
  ],
  'coordination.k8s.io/leases': [NAME_COL, c('Holder', (l) => l.spec?.holderIdentity ?? ''), AGE_COL],
  'scheduling.k8s.io/priorityclasses': [
    NAME_COL,
    c('Value', (p) => p.value ?? 0, int),
    c('Global-Default', (p) => !!p.globalDefault, { type: 'boolean' }),
    AGE_COL,
    c('PreemptionPolicy', (p) => p.preemptionPolicy ?? ''),
  ],
  'storage.k8s.io/storageclasses': [
    c('Name', (s) => (s.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${s.metadata.name} (default)` : s.metadata.name), { format: 'name' }),
    c('Provisioner', (s) => s.provisioner ?? ''),
    c('ReclaimPolicy', (s) => s.reclaimPolicy ?? 'Delete'),
    c('VolumeBindingMode', (s) => s.volumeBindingMode ?? 'Immediate'),
    c('AllowVolumeExpansion', (s) => String(!!s.allowVolumeExpansion)),
    AGE_COL,
  ],
  'apiextensions.k8s.io/customresourcedefinitions': [NAME_COL, CREATED_AT],
};
BUILTIN_COLUMNS['rbac.authorization.k8s.io/clusterrolebindings'] = BUILTIN_COLUMNS['rbac.authorization.k8s.io/rolebindings'];
