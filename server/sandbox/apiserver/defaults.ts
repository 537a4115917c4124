/**
 * Defaulting shared by the built-in kinds' strategies (registry/strategies/): pod specs as pods and every
 * pod template get them, the subset of upstream SetDefaults_* that clients and controllers visibly rely
 * on, and the admission plugins' additions to new Pods. Mutates a fresh object.
 */
import type { KObject } from '../types';
import { generateSuffix } from './meta';

export type Obj = Record<string, unknown>;

export function obj(parent: Obj, key: string): Obj {
  let v = parent[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) parent[key] = v = {};
  return v as Obj;
}

export function def(o: Obj, key: string, value: unknown): void {
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

export function defaultTemplate(spec: Obj): void {
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

/** The metric upstream's autoscaling/v2 defaulting gives an HPA with none (80 % CPU utilization). */
export const DEFAULT_HPA_CPU_METRIC = () => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } });
