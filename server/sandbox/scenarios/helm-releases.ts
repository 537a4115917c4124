/**
 * Helm releases of the demo scenario, in Helm's own storage format (helm-format.ts), whose current manifests'
 * objects exist with Helm's ownership metadata. Each cluster has a release with several revisions, one whose
 * last upgrade failed and one pending. The charts are one small "web service" chart rendered here the way its
 * templates would render (Deployment, Service, optional ConfigMap, ServiceAccount).
 */
import { stringify } from 'yaml';
import type { KObject, ResourceRef, SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { ensure } from './builders';
import { releaseSecret, type ChartMeta, type HookSpec, type ReleaseRecord } from './helm-format';

type Values = Record<string, unknown>;
interface Chart extends ChartMeta {
  defaults: Values;
}
interface Rev {
  chart: Chart;
  config: Values;
  status: string;
  description: string;
}
interface ReleaseSpec {
  name: string;
  namespace: string;
  revisions: Rev[];
  hooks?: boolean;
}

const TEMPLATES: Record<string, string> = {
  'templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  ...\n',
  'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ...\n',
  'templates/configmap.yaml': '{{- if .Values.config }}\napiVersion: v1\nkind: ConfigMap\n...\n{{- end }}\n',
  'templates/serviceaccount.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "app.fullname" . }}\n',
  'templates/NOTES.txt': 'Get the application URL by running:\n  kubectl port-forward svc/{{ include "app.fullname" . }} 8080:{{ .Values.service.port }}\n',
};

function chart(name: string, version: string, appVersion: string, repository: string, port: number): Chart {
  return {
    name,
    version,
    appVersion,
    description: `A Helm chart for ${name}`,
    defaults: { replicaCount: 1, image: { repository, tag: '', pullPolicy: 'IfNotPresent' }, service: { type: 'ClusterIP', port }, resources: {}, config: {} },
  };
}

const isMap = (v: unknown): v is Values => v !== null && typeof v === 'object' && !Array.isArray(v);
function coalesce(d: Values, u: Values): Values {
  const out: Values = { ...d };
  for (const [k, v] of Object.entries(u)) out[k] = isMap(v) && isMap(d[k]) ? coalesce(d[k] as Values, v) : v;
  return out;
}

/** what the chart's templates render for these values: [template file, object] */
function render(rel: ReleaseSpec, rev: Rev): [string, KObject][] {
  const v = coalesce(rev.chart.defaults, rev.config) as { replicaCount: number; image: { repository: string; tag: string }; service: { type: string; port: number }; config: Values };
  const labels = {
    'app.kubernetes.io/name': rev.chart.name,
    'app.kubernetes.io/instance': rel.name,
    'app.kubernetes.io/version': rev.chart.appVersion,
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.sh/chart': `${rev.chart.name}-${rev.chart.version}`,
  };
  const selector = { 'app.kubernetes.io/name': rev.chart.name, 'app.kubernetes.io/instance': rel.name };
  const image = `${v.image.repository}:${v.image.tag || rev.chart.appVersion}`;
  const out: [string, KObject][] = [
    ['templates/serviceaccount.yaml', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: rel.name, labels } }],
    ['templates/service.yaml', { apiVersion: 'v1', kind: 'Service', metadata: { name: rel.name, labels }, spec: { type: v.service.type, ports: [{ port: v.service.port, targetPort: 'http', protocol: 'TCP', name: 'http' }], selector } } as KObject],
  ];
  if (Object.keys(v.config ?? {}).length) {
    out.push(['templates/configmap.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${rel.name}-config`, labels }, data: Object.fromEntries(Object.entries(v.config).map(([k, x]) => [k, String(x)])) } as KObject]);
  }
  out.push([
    'templates/deployment.yaml',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: rel.name, labels },
      spec: {
        replicas: v.replicaCount,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            serviceAccountName: rel.name,
            containers: [{ name: rev.chart.name, image, imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', containerPort: v.service.port, protocol: 'TCP' }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
          },
        },
      },
    } as KObject,
  ]);
  return out;
}

function manifestOf(chartName: string, objs: [string, KObject][]): string {
  return objs.map(([file, o]) => `---\n# Source: ${chartName}/${file}\n${stringify(o, { lineWidth: 0 })}`).join('');
}

function hooks(rel: ReleaseSpec, rev: Rev): HookSpec[] {
  if (!rel.hooks) return [];
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `${rel.name}-flush`, annotations: { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'flush', image: 'busybox:1.37', command: ['sh', '-c', 'echo flush_all'] }] } } } };
  return [{ name: `${rel.name}-flush`, kind: 'Job', path: `${rev.chart.name}/templates/hooks/flush-job.yaml`, manifest: stringify(job, { lineWidth: 0 }), events: ['pre-upgrade'], weight: 0, deletePolicies: ['before-hook-creation', 'hook-succeeded'], phase: 'Succeeded' }];
}

const DAY = 86_400_000;

/** records for every revision and the objects of the latest one (ownership metadata set as helm sets it) */
export function writeRelease(client: SandboxClient, rel: ReleaseSpec, now: number): void {
  const n = rel.revisions.length;
  const first = new Date(now - n * DAY);
  let latest: [string, KObject][] = [];
  rel.revisions.forEach((rev, i) => {
    const objs = render(rel, rev);
    const notes = `1. Get the application URL by running:\n  kubectl --namespace ${rel.namespace} port-forward svc/${rel.name} 8080:${(coalesce(rev.chart.defaults, rev.config).service as { port: number }).port}\n`;
    const record: ReleaseRecord = {
      name: rel.name,
      namespace: rel.namespace,
      version: i + 1,
      status: rev.status,
      description: rev.description,
      firstDeployed: first,
      lastDeployed: new Date(now - (n - 1 - i) * DAY - (i === n - 1 ? 3_600_000 : 0)),
      notes,
      chart: rev.chart,
      templates: TEMPLATES,
      defaults: rev.chart.defaults,
      config: rev.config,
      manifest: manifestOf(rev.chart.name, objs),
      hooks: hooks(rel, rev),
    };
    ensure(client, R.secrets, releaseSecret(record));
    latest = objs;
  });
  const refs: Record<string, ResourceRef> = { ServiceAccount: R.serviceaccounts, Service: R.services, ConfigMap: R.configmaps, Deployment: R.deployments };
  for (const [, o] of latest) {
    const meta = o.metadata;
    ensure(client, refs[o.kind!]!, { ...o, metadata: { ...meta, namespace: rel.namespace, annotations: { ...(meta.annotations ?? {}), 'meta.helm.sh/release-name': rel.name, 'meta.helm.sh/release-namespace': rel.namespace } } });
  }
}

function releases(west: boolean): ReleaseSpec[] {
  const cache = (v: string, app: string) => chart(west ? 'metabase' : 'memcached', v, app, west ? 'metabase/metabase' : 'memcached', west ? 3000 : 11211);
  const multi: ReleaseSpec = {
    name: west ? 'metabase' : 'web-cache',
    namespace: west ? 'analytics' : 'shop',
    hooks: true,
    revisions: [
      { chart: cache('7.4.0', west ? 'v0.50.1' : '1.6.31'), config: {}, status: 'superseded', description: 'Superseded' },
      { chart: cache('7.4.0', west ? 'v0.50.1' : '1.6.31'), config: { replicaCount: 2 }, status: 'superseded', description: 'Superseded' },
      { chart: cache('7.5.2', west ? 'v0.51.3' : '1.6.32'), config: { replicaCount: 2, config: { MAX_ITEM_SIZE: '2m', LOG_LEVEL: 'info' } }, status: 'deployed', description: 'Upgrade complete' },
    ],
  };
  const mon = (v: string, app: string) => chart(west ? 'kafka-ui' : 'kube-state-metrics', v, app, west ? 'provectuslabs/kafka-ui' : 'registry.k8s.io/kube-state-metrics/kube-state-metrics', 8080);
  const failed: ReleaseSpec = {
    name: west ? 'kafka-ui' : 'kube-state-metrics',
    namespace: west ? 'data' : 'monitoring',
    revisions: [
      { chart: mon('5.26.0', west ? 'v0.7.1' : 'v2.13.0'), config: {}, status: 'deployed', description: 'Install complete' },
      { chart: mon('5.27.0', west ? 'v0.7.2' : 'v2.14.0'), config: { replicaCount: 2 }, status: 'failed', description: `Upgrade "${west ? 'kafka-ui' : 'kube-state-metrics'}" failed: context deadline exceeded` },
    ],
  };
  const gw = (v: string, app: string) => chart(west ? 'loki' : 'gateway', v, app, west ? 'grafana/loki' : 'ghcr.io/wheelhouse-demo/gateway', west ? 3100 : 8080);
  const pending: ReleaseSpec = west
    ? { name: 'loki', namespace: 'monitoring', revisions: [{ chart: gw('6.24.0', '3.3.2'), config: { service: { port: 3100 } }, status: 'pending-install', description: 'Initial install underway' }] }
    : {
        name: 'payments-gateway',
        namespace: 'payments',
        revisions: [
          { chart: gw('1.2.0', '2.8.0'), config: {}, status: 'deployed', description: 'Install complete' },
          { chart: gw('1.3.0', '2.9.0'), config: { replicaCount: 2 }, status: 'pending-upgrade', description: 'Preparing upgrade' },
        ],
      };
  return [multi, failed, pending];
}

export function applyHelmReleases(client: SandboxClient, west: boolean, now = Date.now()): void {
  for (const rel of releases(west)) writeRelease(client, rel, now);
}
