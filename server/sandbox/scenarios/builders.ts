/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Small constructors for scenario objects, so scenario files read like a cluster inventory. */
import type { KObject, ResourceRef, SandboxClient } from '../types';
import { isConflict } from '../controllers/lib/queue';

export type Labels = Record<string, string>;

/** Create, ignoring AlreadyExists (scenarios are idempotent). Returns the stored object. */
export function ensure(client: SandboxClient, ref: ResourceRef, obj: KObject): KObject | undefined {
  try {
    return client.create(ref, obj);
  } catch (e) {
    if (isConflict(e)) return client.get(ref, obj.metadata.namespace, obj.metadata.name!);
    throw e;
  }
}

export const namespace = (name: string, labels: Labels = {}): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

export interface AppOpts {
  ns: string;
  name: string;
  image: string;
  replicas?: number;
  port?: number;
  cpu?: string;
  memory?: string;
  cpuLimit?: string;
  memoryLimit?: string;
  labels?: Labels;
  annotations?: Labels;
  podAnnotations?: Labels;
  readiness?: boolean;
  env?: Record<string, string>;
  tier?: string;
  version?: string;
  initImage?: string;
  progressDeadlineSeconds?: number;
  strategy?: Record<string, unknown>;
  sidecar?: { name: string; image: string };
}

/** Stock web servers have no /healthz (it would 404 and fail the probe): probe their index page. */
function probePath(image: string): string {
  return /(^|\/)(nginx|httpd)(:|@|$)/.test(image) ? '/' : '/healthz';
}

export function podSpec(o: AppOpts): Record<string, unknown> {
  const container: Record<string, unknown> = {
    name: o.name,
    image: o.image,
    ...(o.port ? { ports: [{ name: 'http', containerPort: o.port, protocol: 'TCP' }] } : {}),
    resources: {
      requests: { cpu: o.cpu ?? '50m', memory: o.memory ?? '64Mi' },
      limits: { ...(o.cpuLimit ? { cpu: o.cpuLimit } : {}), memory: o.memoryLimit ?? '256Mi' },
    },
    ...(o.env ? { env: Object.entries(o.env).map(([name, value]) => ({ name, value })) } : {}),
    ...(o.readiness && o.port
      ? {
          readinessProbe: { httpGet: { path: probePath(o.image), port: o.port }, initialDelaySeconds: 3, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: probePath(o.image), port: o.port }, initialDelaySeconds: 10, periodSeconds: 10 },
        }
      : {}),
  };
  return {
    containers: [container, ...(o.sidecar ? [{ name: o.sidecar.name, image: o.sidecar.image, resources: { requests: { cpu: '10m', memory: '32Mi' } } }] : [])],
    ...(o.initImage ? { initContainers: [{ name: 'init', image: o.initImage, command: ['sh', '-c', 'echo waiting for dependencies'] }] } : {}),
  };
}

export function appLabels(o: AppOpts): Labels {
  return {
    app: o.name,
    'app.kubernetes.io/name': o.name,
    'app.kubernetes.io/part-of': o.ns,
    ...(o.tier ? { tier: o.tier } : {}),
    ...(o.labels ?? {}),
  };
}

export function deployment(o: AppOpts): KObject {
  const labels = appLabels(o);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name, namespace: o.ns, labels, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { app: o.name } },
      ...(o.progressDeadlineSeconds ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      ...(o.strategy ? { strategy: o.strategy } : {}),
      template: {
        metadata: { labels: { ...labels, ...(o.version ? { version: o.version } : {}) }, ...(o.podAnnotations ? { annotations: o.podAnnotations } : {}) },
        spec: podSpec(o),
      },
    },
  };
}

export function service(ns: string, name: string, selector: Labels, ports: { name?: string; port: number; targetPort?: number | string; protocol?: 'TCP' | 'UDP' }[], extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels: { app: selector.app ?? name } },
    spec: { selector, ports: ports.map((p) => ({ protocol: 'TCP', ...p, targetPort: p.targetPort ?? p.port })), ...extra },
  };
}

export function statefulSet(o: AppOpts & { serviceName: string; storage?: string }): KObject {
  const labels = appLabels(o);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: o.name, namespace: o.ns, labels },
    spec: {
      replicas: o.replicas ?? 1,
      serviceName: o.serviceName,
      selector: { matchLabels: { app: o.name } },
      template: { metadata: { labels }, spec: podSpec(o) },
      ...(o.storage
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: o.storage } } },
              },
            ],
          }
        : {}),
    },
  };
}

export function daemonSet(o: AppOpts & { tolerateControlPlane?: boolean }): KObject {
  const labels = appLabels(o);
  const spec = podSpec(o);
  if (o.tolerateControlPlane) spec.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: o.name, namespace: o.ns, labels },
    spec: { selector: { matchLabels: { app: o.name } }, template: { metadata: { labels }, spec } },
  };
}

export function job(ns: string, name: string, image: string, extra: { completions?: number; parallelism?: number; backoffLimit?: number; runSeconds?: number; labels?: Labels } = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: ns, labels: extra.labels ?? { app: name } },
    spec: {
      ...(extra.completions ? { completions: extra.completions } : {}),
      ...(extra.parallelism ? { parallelism: extra.parallelism } : {}),
      backoffLimit: extra.backoffLimit ?? 6,
      template: {
        metadata: { labels: { app: name }, annotations: { 'sandbox.wheelhouse.dev/run-seconds': String(extra.runSeconds ?? 5) } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image, command: ['sh', '-c', `run ${name}`], resources: { requests: { cpu: '20m', memory: '32Mi' } } }] },
      },
    },
  };
}

export function cronJob(ns: string, name: string, schedule: string, image: string, concurrencyPolicy = 'Allow'): KObject {
  const j = job(ns, name, image);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: { schedule, concurrencyPolicy, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { metadata: { labels: { app: name } }, spec: (j as any).spec } },
  };
}

export function configMap(ns: string, name: string, data: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
}

export function secret(ns: string, name: string, data: Record<string, string>, type = 'Opaque'): KObject {
  const enc: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) enc[k] = Buffer.from(v).toString('base64');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type, data: enc };
}

export function ingress(ns: string, name: string, host: string, backends: { path: string; service: string; port: number }[]): KObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: ns, annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${name}-tls` }],
      rules: [
        {
          host,
          http: { paths: backends.map((b) => ({ path: b.path, pathType: 'Prefix', backend: { service: { name: b.service, port: { number: b.port } } } })) },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } },
  };
}

export function pvc(ns: string, name: string, size: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: size } } },
  };
}

export function hpa(ns: string, name: string, target: string, min: number, max: number, cpuPercent: number): KObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: ns },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpuPercent } } }],
    },
  };
}
