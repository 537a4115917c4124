/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The kubelet's own HTTPS endpoints as nodes/proxy reaches them: /healthz, /pods, /configz, /stats/summary and
 * the Prometheus endpoints /metrics, /metrics/resource and /metrics/cadvisor. Usage numbers come from the same
 * MetricsProvider as metrics.k8s.io, so `kubectl top` and a scrape agree. The metric families here are a
 * small, faithful subset; `nodeEndpoint` is the one entry point to enrich.
 */
import type { HttpReply, HttpRequestIn, KObject, MetricsProvider, SandboxClient } from '../types';
import { quantityOrZero as parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { R } from '../controllers/lib/refs';
import { KUBELET_VERSION } from './nodes';
import { cadvisorRootLines } from './metrics-text';

export interface NodeEndpointDeps {
  client: SandboxClient;
  metrics?: MetricsProvider;
  now: () => number;
}

const PROM = 'text/plain; version=0.0.4; charset=utf-8';

function out(status: number, type: string, body: string, head: boolean, now: number): HttpReply {
  const b = Buffer.from(body);
  return { status, headers: [['Content-Type', type], ['Date', new Date(now).toUTCString()], ['Content-Length', String(b.length)]], body: head ? Buffer.alloc(0) : b };
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;

function family(name: string, type: string, help: string, rows: [Record<string, string>, number][], ts?: number): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [l, v] of rows) lines.push(`${name}${Object.keys(l).length ? labels(l) : ''} ${Number.isInteger(v) ? v : v.toFixed(6)}${ts !== undefined ? ` ${ts}` : ''}`);
  return lines;
}

interface Usage {
  pod: KObject;
  containers: { name: string; cpu: number; memory: number }[];
}

function podsOn(d: NodeEndpointDeps, node: string): KObject[] {
  return d.client.list(R.pods).items.filter((p) => (p as any).spec?.nodeName === node);
}

function usageOn(d: NodeEndpointDeps, node: string): { node: { cpu: number; memory: number }; pods: Usage[] } {
  const pods = new Map(podsOn(d, node).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const list: Usage[] = [];
  for (const m of d.metrics?.podMetrics() ?? []) {
    const pod = pods.get(`${m.metadata.namespace}/${m.metadata.name}`);
    if (!pod) continue;
    list.push({ pod, containers: ((m as any).containers ?? []).map((c: any) => ({ name: c.name, cpu: parseQuantity(c.usage?.cpu), memory: parseQuantity(c.usage?.memory) })) });
  }
  const nm = (d.metrics?.nodeMetrics() ?? []).find((n) => n.metadata.name === node) as any;
  return { node: { cpu: parseQuantity(nm?.usage?.cpu), memory: parseQuantity(nm?.usage?.memory) }, pods: list };
}

/** Cumulative CPU seconds from the current rate and how long the thing has run (a monotone counter). */
function cpuSeconds(rate: number, sinceIso: string | undefined, now: number): number {
  const since = Date.parse(sinceIso ?? '') || now - 3_600_000;
  return rate * Math.max(1, (now - since) / 1000);
}

function resourceMetrics(d: NodeEndpointDeps, node: string, now: number): string {
  const u = usageOn(d, node);
  const nodeObj = d.client.get(R.nodes, undefined, node);
  const boot = nodeObj?.metadata.creationTimestamp;
  const cRows = (f: (c: Usage['containers'][number], p: KObject) => number) =>
    u.pods.flatMap((p) => p.containers.map((c): [Record<string, string>, number] => [{ container: c.name, namespace: p.pod.metadata.namespace!, pod: p.pod.metadata.name! }, f(c, p.pod)]));
  const pRows = (f: (p: Usage) => number) => u.pods.map((p): [Record<string, string>, number] => [{ namespace: p.pod.metadata.namespace!, pod: p.pod.metadata.name! }, f(p)]);
  const started = (p: KObject) => (p as any).status?.startTime as string | undefined;
  return [
    ...family('container_cpu_usage_seconds_total', 'counter', '[STABLE] Cumulative cpu time consumed by the container in core-seconds', cRows((c, p) => cpuSeconds(c.cpu, started(p), now)), now),
    ...family('container_memory_working_set_bytes', 'gauge', '[STABLE] Current working set of the container in bytes', cRows((c) => Math.round(c.memory)), now),
    ...family('container_start_time_seconds', 'gauge', '[STABLE] Start time of the container since unix epoch in seconds', cRows((_c, p) => Math.floor((Date.parse(started(p) ?? '') || now) / 1000)), now),
    ...family('node_cpu_usage_seconds_total', 'counter', '[STABLE] Cumulative cpu time consumed by the node in core-seconds', [[{}, cpuSeconds(u.node.cpu, boot, now)]], now),
    ...family('node_memory_working_set_bytes', 'gauge', '[STABLE] Current working set of the node in bytes', [[{}, Math.round(u.node.memory)]], now),
    ...family('pod_cpu_usage_seconds_total', 'counter', '[STABLE] Cumulative cpu time consumed by the pod in core-seconds', pRows((p) => cpuSeconds(p.containers.reduce((s, c) => s + c.cpu, 0), started(p.pod), now)), now),
    ...family('pod_memory_working_set_bytes', 'gauge', '[STABLE] Current working set of the pod in bytes', pRows((p) => Math.round(p.containers.reduce((s, c) => s + c.memory, 0))), now),
    ...family('resource_scrape_error', 'gauge', '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise', [[{}, 0]]),
  ].join('\n') + '\n';
}

function cadvisorMetrics(d: NodeEndpointDeps, node: string, now: number): string {
  const u = usageOn(d, node);
  const rows = (f: (c: Usage['containers'][number], p: KObject, spec: any) => number) =>
    u.pods.flatMap((p) =>
      p.containers.map((c): [Record<string, string>, number] => {
        const spec = ((p.pod as any).spec?.containers ?? []).find((x: any) => x.name === c.name) ?? {};
        const uid = String(p.pod.metadata.uid ?? '').replace(/-/g, '_');
        return [{ container: c.name, id: `/kubepods/burstable/pod${uid}/${c.name}`, image: spec.image ?? '', name: c.name, namespace: p.pod.metadata.namespace!, pod: p.pod.metadata.name! }, f(c, p.pod, spec)];
      }),
    );
  const ms = now;
  const text = [
    ...family('container_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed in seconds.', rows((c, p) => cpuSeconds(c.cpu, (p as any).status?.startTime, now)), ms),
    ...family('container_memory_working_set_bytes', 'gauge', 'Current working set in bytes.', rows((c) => Math.round(c.memory)), ms),
    ...family('container_memory_usage_bytes', 'gauge', 'Current memory usage in bytes, including all memory regardless of when it was accessed', rows((c) => Math.round(c.memory * 1.25)), ms),
    ...family('container_spec_memory_limit_bytes', 'gauge', 'Memory limit for the container.', rows((_c, _p, s) => parseQuantity(s.resources?.limits?.memory)), ms),
    ...family('container_spec_cpu_shares', 'gauge', 'CPU share of the container.', rows((_c, _p, s) => Math.max(2, Math.round(parseQuantity(s.resources?.requests?.cpu) * 1024))), ms),
  ].join('\n') + '\n';
  // the node's root cgroup (id="/") belongs to the same families; exposition lets a family's samples be
  // grouped only once, so they are spliced in after each family's container rows
  return withRoot(text, cadvisorRootLines(u.node, d.client.get(R.nodes, undefined, node)?.metadata.creationTimestamp, now));
}

/** Inserts each root line after the last sample of its family. */
function withRoot(text: string, root: string[]): string {
  const lines = text.split('\n');
  for (const r of root) {
    const name = r.slice(0, r.indexOf('{'));
    let at = -1;
    for (let i = 0; i < lines.length; i++) if (lines[i]!.startsWith(`${name}{`)) at = i;
    if (at < 0) at = lines.findIndex((l) => l === `# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`);
    lines.splice(at + 1, 0, r);
  }
  return lines.join('\n');
}

function kubeletMetrics(d: NodeEndpointDeps, node: string): string {
  const pods = podsOn(d, node).filter((p) => (p as any).status?.phase === 'Running');
  const containers = pods.reduce((n, p) => n + ((p as any).status?.containerStatuses ?? []).filter((c: any) => c.state?.running).length, 0);
  const [major, minor] = KUBELET_VERSION.slice(1).split('.');
  return [
    ...family('kubernetes_build_info', 'gauge', '[ALPHA] A metric with a constant \'1\' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.', [[{ build_date: '2025-04-22T00:00:00Z', compiler: 'gc', git_commit: '0000000000000000000000000000000000000000', git_tree_state: 'clean', git_version: KUBELET_VERSION, go_version: 'go1.23.6', major: major!, minor: minor!, platform: 'linux/amd64' }, 1]]),
    ...family('kubelet_node_name', 'gauge', '[ALPHA] The node\'s name. The count is always 1.', [[{ node }, 1]]),
    ...family('kubelet_running_pods', 'gauge', '[ALPHA] Number of pods that have a running pod sandbox', [[{}, pods.length]]),
    ...family('kubelet_running_containers', 'gauge', '[ALPHA] Number of containers currently running', [[{ container_state: 'running' }, containers]]),
  ].join('\n') + '\n';
}

function summary(d: NodeEndpointDeps, node: string, now: number): unknown {
  const u = usageOn(d, node);
  const time = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nodeObj = d.client.get(R.nodes, undefined, node);
  const cpu = (rate: number, since: string | undefined) => ({ time, usageNanoCores: Math.round(rate * 1e9), usageCoreNanoSeconds: Math.round(cpuSeconds(rate, since, now) * 1e9) });
  const mem = (bytes: number) => ({ time, usageBytes: Math.round(bytes * 1.25), workingSetBytes: Math.round(bytes), rssBytes: Math.round(bytes * 0.8), pageFaults: 0, majorPageFaults: 0 });
  return {
    node: { nodeName: node, systemContainers: [], startTime: nodeObj?.metadata.creationTimestamp, cpu: cpu(u.node.cpu, nodeObj?.metadata.creationTimestamp), memory: mem(u.node.memory) },
    pods: u.pods.map((p) => {
      const since = (p.pod as any).status?.startTime;
      const total = p.containers.reduce((a, c) => ({ cpu: a.cpu + c.cpu, memory: a.memory + c.memory }), { cpu: 0, memory: 0 });
      return {
        podRef: { name: p.pod.metadata.name, namespace: p.pod.metadata.namespace, uid: p.pod.metadata.uid },
        startTime: since,
        containers: p.containers.map((c) => ({ name: c.name, startTime: since, cpu: cpu(c.cpu, since), memory: mem(c.memory) })),
        cpu: cpu(total.cpu, since),
        memory: mem(total.memory),
      };
    }),
  };
}

function configz(node: string): unknown {
  return {
    kubeletconfig: {
      enableServer: true,
      staticPodPath: '/etc/kubernetes/manifests',
      syncFrequency: '1m0s',
      address: '0.0.0.0',
      port: 10250,
      authentication: { x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, webhook: { enabled: true, cacheTTL: '2m0s' }, anonymous: { enabled: false } },
      authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
      healthzPort: 10248,
      healthzBindAddress: '127.0.0.1',
      clusterDomain: 'cluster.local',
      clusterDNS: ['10.96.0.10'],
      cgroupDriver: 'systemd',
      maxPods: 110,
      podPidsLimit: -1,
      evictionHard: { 'imagefs.available': '0%', 'nodefs.available': '0%', 'nodefs.inodesFree': '0%' },
      failSwapOn: false,
      containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
      providerID: `kind://docker/kind/${node}`,
    },
  };
}

/** One request to a node's kubelet; undefined when the node does not exist. */
export function nodeEndpoint(d: NodeEndpointDeps, node: string, req: HttpRequestIn): HttpReply | undefined {
  if (!d.client.get(R.nodes, undefined, node)) return undefined;
  const now = d.now();
  const head = req.method === 'HEAD';
  const path = req.path.split('?')[0]!.replace(/\/+$/, '') || '/';
  if (req.method !== 'GET' && !head) return out(405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', head, now);
  switch (path) {
    case '/healthz':
      return out(200, 'text/plain; charset=utf-8', 'ok', head, now);
    case '/pods':
      return out(200, 'application/json', JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: podsOn(d, node) }), head, now);
    case '/metrics':
      return out(200, PROM, kubeletMetrics(d, node), head, now);
    case '/metrics/resource':
      return out(200, PROM, resourceMetrics(d, node, now), head, now);
    case '/metrics/cadvisor':
      return out(200, PROM, cadvisorMetrics(d, node, now), head, now);
    case '/stats/summary':
      return out(200, 'application/json', JSON.stringify(summary(d, node, now), null, 2), head, now);
    case '/configz':
      return out(200, 'application/json', JSON.stringify(configz(node)), head, now);
    default:
      return out(404, 'text/plain; charset=utf-8', '404 page not found\n', head, now);
  }
}
