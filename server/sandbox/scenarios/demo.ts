/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The demo scenario: a believable small company cluster. sandbox-east runs the shop and payments,
 * sandbox-west runs analytics and data; both have monitoring. Includes a stuck rollout (missing image →
 * ProgressDeadlineExceeded), a crashlooping pod, a StatefulSet, DaemonSets, Jobs (one failing), CronJobs,
 * Services, Ingresses, ConfigMaps, Secrets, PVCs, an HPA, a CRD with instances and Helm releases (one with
 * several revisions, one whose last upgrade failed, one pending).
 */
import type { SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { CPU_LOAD_ANNOTATION } from '../kubelet/metrics';
import {
  configMap,
  cronJob,
  daemonSet,
  deployment,
  ensure,
  hpa,
  ingress,
  job,
  namespace,
  pvc,
  secret,
  service,
  statefulSet,
  type AppOpts,
} from './builders';
import { applyWidgets } from './crd';
import { applyHelmReleases } from './helm-releases';

type App = AppOpts & { svc?: boolean };

function eastApps(): App[] {
  return [
    { ns: 'shop', name: 'frontend', image: 'nginx:1.27.3', replicas: 3, port: 80, tier: 'web', readiness: true, svc: true },
    { ns: 'shop', name: 'cart', image: 'ghcr.io/wheelhouse-demo/cart:1.4.2', replicas: 2, port: 8080, tier: 'backend', readiness: true, svc: true, cpu: '100m', memory: '128Mi' },
    { ns: 'shop', name: 'catalog', image: 'ghcr.io/wheelhouse-demo/catalog:2.1.0', replicas: 2, port: 8080, tier: 'backend', readiness: true, svc: true, cpu: '100m', memory: '128Mi', podAnnotations: { [CPU_LOAD_ANNOTATION]: '240m' } },
    { ns: 'shop', name: 'checkout', image: 'ghcr.io/wheelhouse-demo/checkout:3.0.1', replicas: 2, port: 8080, tier: 'backend', svc: true, progressDeadlineSeconds: 90 },
    { ns: 'shop', name: 'recommendations', image: 'ghcr.io/wheelhouse-demo/recommender:crash', replicas: 1, port: 8080, tier: 'backend' },
    { ns: 'shop', name: 'search', image: 'ghcr.io/wheelhouse-demo/search:0.9.7', replicas: 2, port: 9200, tier: 'backend', initImage: 'busybox:1.37', svc: true },
    { ns: 'payments', name: 'payments-api', image: 'ghcr.io/wheelhouse-demo/payments-api:5.2.0', replicas: 3, port: 8443, readiness: true, svc: true, cpu: '150m', memory: '256Mi', memoryLimit: '512Mi' },
    { ns: 'payments', name: 'ledger-worker', image: 'ghcr.io/wheelhouse-demo/ledger-worker:5.2.0', replicas: 2, cpu: '100m' },
    { ns: 'payments', name: 'fraud-detector', image: 'ghcr.io/wheelhouse-demo/fraud-detector:1.0.3', replicas: 1, port: 5000, svc: true, sidecar: { name: 'envoy', image: 'envoyproxy/envoy:v1.32.1' } },
    { ns: 'monitoring', name: 'prometheus', image: 'quay.io/prometheus/prometheus:v3.0.1', replicas: 1, port: 9090, svc: true, cpu: '200m', memory: '512Mi', memoryLimit: '1Gi' },
    { ns: 'monitoring', name: 'grafana', image: 'grafana/grafana:11.3.1', replicas: 1, port: 3000, svc: true, readiness: true },
  ];
}

function westApps(): App[] {
  return [
    { ns: 'analytics', name: 'dashboard', image: 'httpd:2.4.62', replicas: 2, port: 80, tier: 'web', readiness: true, svc: true },
    { ns: 'analytics', name: 'query-api', image: 'ghcr.io/wheelhouse-demo/query-api:7.0.2', replicas: 3, port: 8080, readiness: true, svc: true, cpu: '100m', memory: '128Mi', podAnnotations: { [CPU_LOAD_ANNOTATION]: '270m' } },
    { ns: 'analytics', name: 'report-renderer', image: 'ghcr.io/wheelhouse-demo/report-renderer:2.3.0', replicas: 2, port: 8080, svc: true, progressDeadlineSeconds: 90 },
    { ns: 'analytics', name: 'notebook-proxy', image: 'ghcr.io/wheelhouse-demo/notebook-proxy:crash', replicas: 1, port: 8888 },
    { ns: 'data', name: 'ingest', image: 'ghcr.io/wheelhouse-demo/ingest:4.1.1', replicas: 3, port: 8080, svc: true, cpu: '200m', memory: '256Mi' },
    { ns: 'data', name: 'transformer', image: 'ghcr.io/wheelhouse-demo/transformer:4.1.1', replicas: 2, initImage: 'busybox:1.37' },
    { ns: 'data', name: 'schema-registry', image: 'confluentinc/cp-schema-registry:7.7.1', replicas: 1, port: 8081, svc: true, readiness: true },
    { ns: 'data', name: 'cache', image: 'redis:7.4.1', replicas: 1, port: 6379, svc: true },
    { ns: 'monitoring', name: 'prometheus', image: 'quay.io/prometheus/prometheus:v3.0.1', replicas: 1, port: 9090, svc: true, cpu: '200m', memory: '512Mi', memoryLimit: '1Gi' },
    { ns: 'monitoring', name: 'alertmanager', image: 'quay.io/prometheus/alertmanager:v0.27.0', replicas: 1, port: 9093, svc: true },
  ];
}

const nsA0 = (west: boolean) => (west ? 'analytics' : 'shop');

const CLUSTER_ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' };

/** The console's demo groups (TEAM contract): wheelhouse:viewers → view, :editors → edit, :admins → cluster-admin. */
function groupBindings(client: SandboxClient): void {
  for (const [who, role] of [['viewers', 'view'], ['editors', 'edit'], ['admins', 'cluster-admin']] as const) {
    ensure(client, CLUSTER_ROLE_BINDINGS, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `wheelhouse-${who}`, labels: { 'wheelhouse.dev/env': 'demo' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `wheelhouse:${who}` }],
    });
  }
}

async function waitFor(fn: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/** A second revision with an image that can't be pulled: rollout stuck, then ProgressDeadlineExceeded. */
async function breakRollout(client: SandboxClient, ns: string, name: string, badImage: string, cause: string): Promise<void> {
  await waitFor(() => client.list(R.replicasets, { namespace: ns, labelSelector: `app=${name}` }).items.length > 0);
  for (let i = 0; i < 5; i++) {
    const d = client.get(R.deployments, ns, name);
    if (!d) return;
    const next = structuredClone(d);
    (next as any).spec.template.spec.containers[0].image = badImage;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'kubernetes.io/change-cause': cause };
    try {
      client.update(R.deployments, next);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export async function applyDemo(client: SandboxClient, opts: { clusterName: string }): Promise<void> {
  const west = opts.clusterName.includes('west');
  const apps = west ? westApps() : eastApps();
  const namespaces = west ? ['analytics', 'data', 'monitoring'] : ['shop', 'payments', 'monitoring'];
  for (const ns of namespaces) ensure(client, R.namespaces, namespace(ns, { team: ns === 'monitoring' ? 'platform' : ns, 'wheelhouse.dev/env': 'demo' }));
  groupBindings(client);

  for (const a of apps) {
    ensure(client, R.deployments, deployment({ ...a, annotations: { 'kubernetes.io/change-cause': `initial deploy of ${a.image}` } }));
    if (a.svc && a.port) ensure(client, R.services, service(a.ns, a.name, { app: a.name }, [{ name: 'http', port: a.port === 8443 ? 443 : 80, targetPort: 'http' }]));
    ensure(client, R.configmaps, configMap(a.ns, `${a.name}-config`, { 'LOG_LEVEL': 'info', 'config.yaml': `service: ${a.name}\nlisten: ":${a.port ?? 8080}"\nfeatures:\n  tracing: true\n` }));
  }
  const front = west ? 'dashboard' : 'frontend';
  client.patch(R.services, nsA0(west), front, 'merge', { spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: west ? 31081 : 31080 }] } });
  try {
    client.patch(R.services, nsA0(west), front, 'merge', { status: { loadBalancer: { ingress: [{ ip: west ? '172.18.255.11' : '172.18.255.10' }] } } }, { subresource: 'status' });
  } catch {
    /* status subresource not served */
  }
  const nsA = namespaces[0]!;
  const nsB = namespaces[1]!;

  // StatefulSets with storage
  if (west) {
    ensure(client, R.services, service('data', 'kafka', { app: 'kafka' }, [{ name: 'broker', port: 9092 }], { clusterIP: 'None' }));
    ensure(client, R.statefulsets, statefulSet({ ns: 'data', name: 'kafka', image: 'bitnami/kafka:3.9.0', replicas: 3, port: 9092, serviceName: 'kafka', storage: '5Gi', cpu: '250m', memory: '512Mi', memoryLimit: '1Gi' }));
  } else {
    ensure(client, R.services, service('shop', 'redis', { app: 'redis' }, [{ name: 'redis', port: 6379 }], { clusterIP: 'None' }));
    ensure(client, R.statefulsets, statefulSet({ ns: 'shop', name: 'redis', image: 'redis:7.4.1', replicas: 3, port: 6379, serviceName: 'redis', storage: '1Gi' }));
    ensure(client, R.services, service('payments', 'postgres', { app: 'postgres' }, [{ name: 'pg', port: 5432 }], { clusterIP: 'None' }));
    ensure(client, R.statefulsets, statefulSet({ ns: 'payments', name: 'postgres', image: 'postgres:16.6', replicas: 1, port: 5432, serviceName: 'postgres', storage: '10Gi', cpu: '250m', memory: '512Mi', memoryLimit: '1Gi' }));
  }
  // DaemonSets
  ensure(client, R.daemonsets, daemonSet({ ns: 'monitoring', name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', port: 9100, cpu: '10m', memory: '24Mi', tolerateControlPlane: true }));
  ensure(client, R.daemonsets, daemonSet({ ns: 'monitoring', name: 'log-shipper', image: 'fluent/fluent-bit:3.2.2', cpu: '20m', memory: '48Mi' }));
  // Jobs and CronJobs
  ensure(client, R.jobs, job(nsB, west ? 'backfill-2024' : 'db-migrate-v5', 'busybox:1.37', { runSeconds: 8 }));
  ensure(client, R.jobs, job(nsA, west ? 'import-events' : 'import-catalog', 'ghcr.io/wheelhouse-demo/importer:crash', { backoffLimit: 2 }));
  ensure(client, R.jobs, job(nsB, west ? 'compact-partitions' : 'reindex-ledger', 'busybox:1.37', { completions: 4, parallelism: 2, runSeconds: 6 }));
  ensure(client, R.cronjobs, cronJob(nsB, west ? 'hourly-rollup' : 'nightly-report', '*/5 * * * *', 'busybox:1.37'));
  ensure(client, R.cronjobs, cronJob(nsA, west ? 'cleanup-tmp' : 'cache-warmer', '*/2 * * * *', 'busybox:1.37', 'Forbid'));
  // Ingresses, secrets, PVCs, HPA
  // the class the demo Ingresses name, as installing ingress-nginx creates it
  ensure(client, R.ingressclasses, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx', labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } },
    spec: { controller: 'k8s.io/ingress-nginx' },
  });
  const domain = west ? 'analytics.west.example.test' : 'shop.east.example.test';
  ensure(client, R.ingresses, ingress(nsA, west ? 'dashboard' : 'storefront', domain, west
    ? [{ path: '/', service: 'dashboard', port: 80 }, { path: '/api', service: 'query-api', port: 80 }]
    : [{ path: '/', service: 'frontend', port: 80 }, { path: '/api/cart', service: 'cart', port: 80 }, { path: '/api/catalog', service: 'catalog', port: 80 }]));
  ensure(client, R.ingresses, ingress('monitoring', 'prometheus', `prometheus.${west ? 'west' : 'east'}.example.test`, [{ path: '/', service: 'prometheus', port: 80 }]));
  // what an ingress controller / MetalLB would report
  for (const ing of client.list(R.ingresses).items) {
    try {
      client.patch(R.ingresses, ing.metadata.namespace, ing.metadata.name!, 'merge', { status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } }, { subresource: 'status' });
    } catch {
      /* status subresource not served: leave it empty */
    }
  }
  ensure(client, R.secrets, secret(nsA, `${nsA}-db-credentials`, { username: `${nsA}_app`, password: `s3cr3t-${nsA}-not-real` }));
  ensure(client, R.secrets, secret(nsB, `${nsB}-api-keys`, { 'stripe-key': 'sk_test_sandbox_only', 'webhook-secret': 'whsec_sandbox' }));
  ensure(client, R.secrets, secret(nsA, `${west ? 'dashboard' : 'storefront'}-tls`, { 'tls.crt': '-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----\n', 'tls.key': '-----BEGIN PRIVATE KEY-----\nsandbox\n-----END PRIVATE KEY-----\n' }, 'kubernetes.io/tls'));
  ensure(client, R.pvcs, pvc('monitoring', 'prometheus-data', '20Gi'));
  ensure(client, R.pvcs, pvc(nsB, `${nsB}-uploads`, '5Gi'));
  ensure(client, R.hpas, hpa(nsA, west ? 'query-api' : 'catalog', west ? 'query-api' : 'catalog', 2, 6, 50));
  await applyWidgets(client, nsA, west
    ? [{ name: 'gizmo', size: 'large', color: 'teal', replicas: 2 }, { name: 'sprocket', size: 'small', color: 'orange', replicas: 0 }]
    : [{ name: 'alpha', size: 'small', color: 'red', replicas: 1 }, { name: 'beta', size: 'medium', color: 'blue', replicas: 3 }, { name: 'gamma', size: 'large', color: 'green', replicas: 0 }]);
  // Helm releases (records in Helm's storage format, their objects owned the way Helm marks them)
  applyHelmReleases(client, west);
  // the stuck rollout last: it needs revision 1 to exist first
  if (west) await breakRollout(client, 'analytics', 'report-renderer', 'ghcr.io/wheelhouse-demo/report-renderer-missing:2.4.0', 'kubectl set image deployment/report-renderer report-renderer=ghcr.io/wheelhouse-demo/report-renderer-missing:2.4.0');
  else await breakRollout(client, 'shop', 'checkout', 'ghcr.io/wheelhouse-demo/checkout:doesnotexist', 'kubectl set image deployment/checkout checkout=ghcr.io/wheelhouse-demo/checkout:doesnotexist');
}
