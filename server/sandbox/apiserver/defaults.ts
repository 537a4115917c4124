/**
 * Defaulting for built-in kinds, the subset of upstream SetDefaults_* that clients and controllers
 * visibly rely on (replicas, strategies, pod template fields, service IPs). Mutates a fresh object.
 */
import type { KObject } from '../types';

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
}

export function defaultPodSpec(spec: Obj): void {
  def(spec, 'restartPolicy', 'Always');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'securityContext', {});
  def(spec, 'schedulerName', 'default-scheduler');
  def(spec, 'enableServiceLinks', true);
  if (spec.serviceAccountName === undefined) spec.serviceAccountName = spec.serviceAccount ?? 'default';
  for (const key of ['containers', 'initContainers']) {
    if (Array.isArray(spec[key])) for (const c of spec[key] as Obj[]) defaultContainer(c);
  }
}

function defaultTemplate(spec: Obj): void {
  const tpl = obj(spec, 'template');
  obj(tpl, 'metadata');
  defaultPodSpec(obj(tpl, 'spec'));
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
      if (Array.isArray(spec.ports))
        for (const p of spec.ports as Obj[]) {
          def(p, 'protocol', 'TCP');
          def(p, 'targetPort', p.port);
        }
      break;
    }
    case '/Secret':
      def(root, 'type', 'Opaque');
      break;
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
