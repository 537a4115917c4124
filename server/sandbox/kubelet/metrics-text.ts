/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Prometheus text the simulated cluster serves besides the kubelet's per-container cAdvisor series:
 * - the root-cgroup cAdvisor series (`id="/"`) of each node, which dashboards use for node and cluster totals;
 * - a kube-state-metrics exposition (pods, owners, requests/limits, restarts, last termination reasons,
 *   node capacity/allocatable) answered by any running pod of a `kube-state-metrics` image on its port 8080,
 *   reached like the real one through services/proxy or the cluster network.
 * Family names and labels follow kube-state-metrics v2 and cAdvisor; the values come from the store and the
 * same MetricsProvider as metrics.k8s.io.
 */
import type { HttpReply, HttpRequestIn, KObject, SandboxClient } from '../types';
import { quantityOrZero as parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { R } from '../controllers/lib/refs';

const PROM = 'text/plain; version=0.0.4; charset=utf-8';
const KSM_PORT = 8080;

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const fmt = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(6));

function family(name: string, type: string, help: string, rows: [Record<string, string>, number][], ts?: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows.map(([l, v]) => `${name}${fmt(l)} ${num(v)}${ts !== undefined ? ` ${ts}` : ''}`)];
}

/** The node's root cgroup in cAdvisor's families (appended to the kubelet's /metrics/cadvisor). */
export function cadvisorRootLines(node: { cpu: number; memory: number }, bootIso: string | undefined, now: number): string[] {
  const since = Date.parse(bootIso ?? '') || now - 3_600_000;
  const cpuSeconds = node.cpu * Math.max(1, (now - since) / 1000);
  const l = { container: '', id: '/', image: '', name: '', namespace: '', pod: '' };
  return [`container_cpu_usage_seconds_total${fmt(l)} ${num(cpuSeconds)} ${now}`, `container_memory_working_set_bytes${fmt(l)} ${Math.round(node.memory)} ${now}`];
}

const RESOURCES: [string, string][] = [
  ['cpu', 'core'],
  ['memory', 'byte'],
];

/** kube-state-metrics v2 families for every pod and node in the store. */
export function kubeStateMetricsText(client: SandboxClient): string {
  const pods = client.list(R.pods).items as any[];
  const nodes = client.list(R.nodes).items as any[];
  const info: [Record<string, string>, number][] = [];
  const owner: [Record<string, string>, number][] = [];
  const requests: [Record<string, string>, number][] = [];
  const limits: [Record<string, string>, number][] = [];
  const restarts: [Record<string, string>, number][] = [];
  const lastReason: [Record<string, string>, number][] = [];
  const phase: [Record<string, string>, number][] = [];
  for (const p of pods) {
    const ns = p.metadata.namespace as string;
    const pod = p.metadata.name as string;
    const node = p.spec?.nodeName ?? '';
    const ref = (p.metadata.ownerReferences ?? []).find((o: any) => o.controller) ?? p.metadata.ownerReferences?.[0];
    info.push([{ namespace: ns, pod, uid: p.metadata.uid ?? '', node, created_by_kind: ref?.kind ?? '<none>', created_by_name: ref?.name ?? '<none>' }, 1]);
    owner.push([{ namespace: ns, pod, uid: p.metadata.uid ?? '', owner_kind: ref?.kind ?? '<none>', owner_name: ref?.name ?? '<none>', owner_is_controller: ref?.controller ? 'true' : 'false' }, 1]);
    phase.push([{ namespace: ns, pod, uid: p.metadata.uid ?? '', phase: p.status?.phase ?? 'Unknown' }, 1]);
    for (const c of p.spec?.containers ?? []) {
      for (const [res, unit] of RESOURCES) {
        const l = { namespace: ns, pod, uid: p.metadata.uid ?? '', container: c.name, node, resource: res, unit };
        if (c.resources?.requests?.[res] !== undefined) requests.push([l, parseQuantity(c.resources.requests[res])]);
        if (c.resources?.limits?.[res] !== undefined) limits.push([l, parseQuantity(c.resources.limits[res])]);
      }
    }
    for (const cs of p.status?.containerStatuses ?? []) {
      const l = { namespace: ns, pod, uid: p.metadata.uid ?? '', container: cs.name };
      restarts.push([l, cs.restartCount ?? 0]);
      const reason = cs.lastState?.terminated?.reason;
      if (reason) lastReason.push([{ ...l, reason }, 1]);
    }
  }
  const cap: [Record<string, string>, number][] = [];
  const alloc: [Record<string, string>, number][] = [];
  for (const n of nodes) {
    for (const [res, unit] of [...RESOURCES, ['pods', 'integer'] as [string, string]]) {
      const l = { node: n.metadata.name, resource: res, unit };
      if (n.status?.capacity?.[res] !== undefined) cap.push([l, parseQuantity(n.status.capacity[res])]);
      if (n.status?.allocatable?.[res] !== undefined) alloc.push([l, parseQuantity(n.status.allocatable[res])]);
    }
  }
  return [
    ...family('kube_pod_info', 'gauge', 'Information about pod.', info),
    ...family('kube_pod_owner', 'gauge', 'Information about the Pod\'s owner.', owner),
    ...family('kube_pod_status_phase', 'gauge', 'The pods current phase.', phase),
    ...family('kube_pod_container_resource_requests', 'gauge', 'The number of requested request resource by a container.', requests),
    ...family('kube_pod_container_resource_limits', 'gauge', 'The number of requested limit resource by a container.', limits),
    ...family('kube_pod_container_status_restarts_total', 'counter', 'The number of container restarts per container.', restarts),
    ...family('kube_pod_container_status_last_terminated_reason', 'gauge', 'Describes the last reason the container was in terminated state.', lastReason),
    ...family('kube_node_status_capacity', 'gauge', 'The capacity for different resources of a node.', cap),
    ...family('kube_node_status_allocatable', 'gauge', 'The allocatable for different resources of a node.', alloc),
  ].join('\n') + '\n';
}

/** A running kube-state-metrics container answers /metrics (and its health paths) on 8080; undefined otherwise. */
export function serveKubeStateMetrics(client: SandboxClient, pod: KObject, port: number, req: HttpRequestIn, now: number): HttpReply | undefined {
  if (port !== KSM_PORT) return undefined;
  const c = ((pod as any).spec?.containers ?? []).find((x: any) => /(^|\/)kube-state-metrics(:|@|$)/.test(x.image ?? ''));
  if (!c) return undefined;
  const running = ((pod as any).status?.containerStatuses ?? []).some((s: any) => s.name === c.name && s.state?.running);
  if (!running) return undefined;
  const path = req.path.split('?')[0];
  const body = path === '/metrics' ? kubeStateMetricsText(client) : path === '/healthz' || path === '/livez' || path === '/readyz' ? 'OK' : undefined;
  const b = Buffer.from(body ?? '404 page not found\n');
  return { status: body === undefined ? 404 : 200, headers: [['Content-Type', body === undefined || path !== '/metrics' ? 'text/plain; charset=utf-8' : PROM], ['Date', new Date(now).toUTCString()], ['Content-Length', String(b.length)]], body: req.method === 'HEAD' ? Buffer.alloc(0) : b };
}
