/**
 * Defaulting for built-in kinds, the subset of upstream SetDefaults_* that clients and controllers
 * visibly rely on (replicas, strategies, pod template fields, service IPs). Mutates a fresh object.
 */
import type { KObject } from '../types';
import { generateSuffix } from './meta';

type Obj = Record<string, unknown>;

function obj(parent: Obj, key: string): Obj {
  let v = parent[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) parent[key] = v = {};
  return v as Obj;
}

function def(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

function defaultContainer(c: Obj): void {
  const image = typeof c.image === 'string' ? c.image : '';
  const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
  def(c, 'imagePullPolicy', !tag || tag === 'latest' ? 'Always' : 'IfNotPresent');
  def(c, 'terminationMessagePath', '/dev/termination-log');
  def(c, 'terminationMessagePolicy', 'File');
  def(c, 'resources', {});
  if (Array.isArray(c.ports)) for (const p of c.ports as Obj[]) def(p, 'protocol', 'TCP');
  for (const e of (c.env as Obj[] | undefined) ?? []) defaultFieldRef((e.valueFrom as Obj | undefined)?.fieldRef);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[key] as Obj | undefined;
    if (!probe || typeof probe !== 'object') continue;
    // SetDefaults_Probe and SetDefaults_HTTPGetAction
    def(probe, 'timeoutSeconds', 1);
    def(probe, 'periodSeconds', 10);
    def(probe, 'successThreshold', 1);
    def(probe, 'failureThreshold', 3);
    const http = probe.httpGet as Obj | undefined;
    if (http) {
      def(http, 'path', '/');
      def(http, 'scheme', 'HTTP');
    }
  }
}

/** SetDefaults_ObjectFieldSelector: a fieldRef without apiVersion means v1. */
function defaultFieldRef(ref: unknown): void {
  if (ref && typeof ref === 'object') def(ref as Obj, 'apiVersion', 'v1');
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** SetDefaults_Volume (a volume with no source is an emptyDir) and the per-source defaults. */
function defaultVolumes(spec: Obj): void {
  for (const v of (spec.volumes as Obj[] | undefined) ?? []) {
    if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
    for (const key of ['configMap', 'secret', 'downwardAPI', 'projected']) {
      const src = v[key] as Obj | undefined;
      if (src && typeof src === 'object') def(src, 'defaultMode', 420);
    }
    for (const item of ((v.downwardAPI as Obj | undefined)?.items as Obj[] | undefined) ?? []) defaultFieldRef(item.fieldRef);
    for (const source of ((v.projected as Obj | undefined)?.sources as Obj[] | undefined) ?? []) {
      for (const item of ((source.downwardAPI as Obj | undefined)?.items as Obj[] | undefined) ?? []) defaultFieldRef(item.fieldRef);
    }
    const hp = v.hostPath as Obj | undefined;
    if (hp && typeof hp === 'object') def(hp, 'type', '');
  }
}

/** The Service nodePort range's allocator stand-in: the next free port, counted per process. */
let nodePortCounter = 30000;

export function defaultPodSpec(spec: Obj): void {
  def(spec, 'restartPolicy', 'Always');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'securityContext', {});
  def(spec, 'schedulerName', 'default-scheduler');
  def(spec, 'enableServiceLinks', true);
  // v1 conversion keeps the deprecated serviceAccount field equal to serviceAccountName (templates too)
  if (spec.serviceAccountName === undefined && spec.serviceAccount !== undefined) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName !== undefined) spec.serviceAccount = spec.serviceAccountName;
  for (const key of ['containers', 'initContainers']) {
    if (Array.isArray(spec[key])) for (const c of spec[key] as Obj[]) defaultContainer(c);
  }
  defaultVolumes(spec);
}

function defaultTemplate(spec: Obj): void {
  const tpl = obj(spec, 'template');
  obj(tpl, 'metadata');
  defaultPodSpec(obj(tpl, 'spec'));
}

/** The two PriorityClasses every cluster has (seed.ts creates them); other classes are not looked up. */
export const SYSTEM_PRIORITIES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

/**
 * What upstream's admission plugins add to a Pod on create (not to pod templates): ServiceAccount
 * (`default`), DefaultTolerationSeconds (not-ready/unreachable NoExecute for 300 s) and Priority
 * (priority 0 and PreemptLowerPriority when no priority class applies).
 */
export function admitPod(o: KObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  def(spec, 'serviceAccountName', 'default');
  spec.serviceAccount = spec.serviceAccountName;
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as Obj[]) : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!tolerated) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
  def(spec, 'priority', SYSTEM_PRIORITIES[spec.priorityClassName as string] ?? 0);
  def(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  if (spec.automountServiceAccountToken !== false) mountServiceAccountToken(spec);
}

const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** ServiceAccount admission's projected `kube-api-access-xxxxx` volume, mounted read-only in every container. */
function mountServiceAccountToken(spec: Obj): void {
  const all = [...((spec.initContainers as Obj[] | undefined) ?? []), ...((spec.containers as Obj[] | undefined) ?? [])];
  if (all.some((c) => ((c.volumeMounts as Obj[] | undefined) ?? []).some((m) => m.mountPath === SA_MOUNT_PATH))) return;
  const name = `kube-api-access-${generateSuffix()}`;
  spec.volumes = [
    ...((spec.volumes as Obj[] | undefined) ?? []),
    {
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  for (const c of all) c.volumeMounts = [...((c.volumeMounts as Obj[] | undefined) ?? []), { name, readOnly: true, mountPath: SA_MOUNT_PATH }];
}

let ipCounter = 10;

/** Applies defaults by group/kind. */
/** The metric upstream's autoscaling/v2 defaulting gives an HPA with none (80 % CPU utilization). */
export const DEFAULT_HPA_CPU_METRIC = () => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } });

export function applyDefaults(o: KObject): void {
  const root = o as unknown as Obj;
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  switch (`${group}/${o.kind}`) {
    case '/Pod': {
      const spec = obj(root, 'spec');
      defaultPodSpec(spec);
      // upstream SetDefaults_Pod: a limit without a request defaults the request to the limit
      for (const c of [...((spec.containers as Obj[] | undefined) ?? []), ...((spec.initContainers as Obj[] | undefined) ?? [])]) {
        const res = c.resources as { limits?: Obj; requests?: Obj } | undefined;
        if (res?.limits && Object.keys(res.limits).length) res.requests = { ...res.limits, ...res.requests };
      }
      break;
    }
    case '/Namespace': {
      obj(o.metadata as Obj, 'labels');
      o.metadata.labels!['kubernetes.io/metadata.name'] = o.metadata.name ?? '';
      const spec = obj(root, 'spec');
      def(spec, 'finalizers', ['kubernetes']);
      break;
    }
    case '/Service': {
      const spec = obj(root, 'spec');
      def(spec, 'type', 'ClusterIP');
      def(spec, 'sessionAffinity', 'None');
      def(spec, 'internalTrafficPolicy', 'Cluster');
      if (spec.clusterIP === undefined && spec.type !== 'ExternalName') {
        ipCounter++;
        spec.clusterIP = `10.96.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
      }
      if (spec.clusterIP && spec.clusterIP !== 'None') def(spec, 'clusterIPs', [spec.clusterIP]);
      def(spec, 'ipFamilies', ['IPv4']);
      def(spec, 'ipFamilyPolicy', 'SingleStack');
      const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
      if (external) def(spec, 'externalTrafficPolicy', 'Cluster');
      if (spec.type === 'LoadBalancer') def(spec, 'allocateLoadBalancerNodePorts', true);
      if (Array.isArray(spec.ports))
        for (const p of spec.ports as Obj[]) {
          def(p, 'protocol', 'TCP');
          def(p, 'targetPort', p.port);
          if (external && !p.nodePort) p.nodePort = 30000 + (nodePortCounter++ % 2768);
        }
      break;
    }
    case '/ReplicationController': {
      // upstream SetDefaults_ReplicationController: selector and labels from the template's labels
      const spec = obj(root, 'spec');
      def(spec, 'replicas', 1);
      def(spec, 'minReadySeconds', 0);
      defaultTemplate(spec);
      const tplLabels = (spec.template as { metadata: { labels?: Record<string, string> } }).metadata.labels;
      if (tplLabels && !(spec.selector && Object.keys(spec.selector as Obj).length)) spec.selector = { ...tplLabels };
      if (tplLabels && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...tplLabels };
      break;
    }
    case '/PodTemplate': {
      const tpl = obj(root, 'template');
      obj(tpl, 'metadata');
      defaultPodSpec(obj(tpl, 'spec'));
      break;
    }
    case 'scheduling.k8s.io/PriorityClass':
      def(root, 'preemptionPolicy', 'PreemptLowerPriority');
      break;
    case '/Secret': {
      def(root, 'type', 'Opaque');
      // the v1 conversion merges stringData into data (stringData wins) and never stores it
      const sd = root.stringData as Record<string, unknown> | undefined;
      if (sd && typeof sd === 'object') {
        const data = obj(root, 'data');
        for (const [key, v] of Object.entries(sd)) data[key] = Buffer.from(String(v), 'utf8').toString('base64');
      }
      delete root.stringData;
      break;
    }
    case '/PersistentVolume': {
      const spec = obj(root, 'spec');
      def(spec, 'persistentVolumeReclaimPolicy', 'Retain');
      def(spec, 'volumeMode', 'Filesystem');
      break;
    }
    case 'networking.k8s.io/NetworkPolicy': {
      const spec = obj(root, 'spec');
      if (!Array.isArray(spec.policyTypes) || !spec.policyTypes.length) {
        spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length ? ['Ingress', 'Egress'] : ['Ingress'];
      }
      break;
    }
    case '/PersistentVolumeClaim':
      obj(root, 'spec');
      def(obj(root, 'spec'), 'volumeMode', 'Filesystem');
      break;
    case 'apps/Deployment': {
      const spec = obj(root, 'spec');
      def(spec, 'replicas', 1);
      def(spec, 'revisionHistoryLimit', 10);
      def(spec, 'progressDeadlineSeconds', 600);
      const st = obj(spec, 'strategy');
      def(st, 'type', 'RollingUpdate');
      if (st.type === 'RollingUpdate') {
        const ru = obj(st, 'rollingUpdate');
        def(ru, 'maxUnavailable', '25%');
        def(ru, 'maxSurge', '25%');
      }
      defaultTemplate(spec);
      break;
    }
    case 'apps/ReplicaSet': {
      const spec = obj(root, 'spec');
      def(spec, 'replicas', 1);
      defaultTemplate(spec);
      break;
    }
    case 'apps/StatefulSet': {
      const spec = obj(root, 'spec');
      def(spec, 'replicas', 1);
      def(spec, 'podManagementPolicy', 'OrderedReady');
      def(spec, 'revisionHistoryLimit', 10);
      const us = obj(spec, 'updateStrategy');
      def(us, 'type', 'RollingUpdate');
      if (us.type === 'RollingUpdate') def(obj(us, 'rollingUpdate'), 'partition', 0);
      def(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
      defaultTemplate(spec);
      break;
    }
    case 'apps/DaemonSet': {
      const spec = obj(root, 'spec');
      def(spec, 'revisionHistoryLimit', 10);
      const us = obj(spec, 'updateStrategy');
      def(us, 'type', 'RollingUpdate');
      if (us.type === 'RollingUpdate') {
        const ru = obj(us, 'rollingUpdate');
        def(ru, 'maxUnavailable', 1);
        def(ru, 'maxSurge', 0);
      }
      defaultTemplate(spec);
      break;
    }
    case 'batch/Job': {
      const spec = obj(root, 'spec');
      def(spec, 'parallelism', 1);
      def(spec, 'completions', spec.parallelism === 1 ? 1 : undefined);
      def(spec, 'backoffLimit', 6);
      def(spec, 'completionMode', 'NonIndexed');
      def(spec, 'suspend', false);
      def(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
      def(spec, 'manualSelector', undefined);
      const tplSpec = obj(obj(spec, 'template'), 'spec');
      def(tplSpec, 'restartPolicy', 'Never');
      defaultTemplate(spec);
      if (spec.manualSelector === undefined) delete spec.manualSelector;
      if (spec.completions === undefined) delete spec.completions;
      break;
    }
    case 'batch/CronJob': {
      const spec = obj(root, 'spec');
      def(spec, 'concurrencyPolicy', 'Allow');
      def(spec, 'suspend', false);
      def(spec, 'successfulJobsHistoryLimit', 3);
      def(spec, 'failedJobsHistoryLimit', 1);
      const jt = obj(obj(spec, 'jobTemplate'), 'spec');
      def(jt, 'backoffLimit', 6);
      def(jt, 'completionMode', 'NonIndexed');
      def(jt, 'suspend', false);
      def(jt, 'parallelism', 1);
      def(jt, 'completions', 1);
      const tplSpec = obj(obj(jt, 'template'), 'spec');
      def(tplSpec, 'restartPolicy', 'Never');
      defaultTemplate(jt);
      break;
    }
    case 'autoscaling/HorizontalPodAutoscaler': {
      const spec = obj(root, 'spec');
      def(spec, 'minReplicas', 1);
      // upstream v2 defaulting (also applied when a v1 object is stored as v2, see hpa-v1.ts): no metrics -> cpu 80 %
      const metrics = spec.metrics as unknown[] | undefined;
      if (o.apiVersion === 'autoscaling/v2' && !metrics?.length) spec.metrics = [DEFAULT_HPA_CPU_METRIC()];
      break;
    }
  }
}

/** Kinds whose metadata.generation is tracked (the rest never get one, as upstream). */
export function tracksGeneration(group: string, kind: string, isCustom: boolean): boolean {
  if (isCustom) return true;
  if (['apps', 'batch', 'autoscaling', 'networking.k8s.io', 'policy', 'apiextensions.k8s.io'].includes(group)) {
    return kind !== 'ControllerRevision';
  }
  return false;
}
