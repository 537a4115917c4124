/**
 * A cluster's Prometheus, found by convention and queried through the API server's services/proxy with the
 * person's identity (so their RBAC on services/proxy decides, and no Prometheus address has to be reachable
 * from the BFF). Conventions, in order: the Service named in WHEELHOUSE_PROMETHEUS for that cluster,
 * kube-prometheus-stack's `prometheus-operated` (port web/9090) or `<release>-kube-prometheus-prometheus`,
 * the prometheus chart's `prometheus-server`. Discovery lists Services with the BFF's identity, cached 5 min.
 * Queries use cAdvisor series (container_cpu_usage_seconds_total, container_memory_working_set_bytes), which
 * every kubelet serves and every Prometheus setup scrapes.
 */
import { z } from 'zod';
import type { K8sClient } from '../k8s/client';
import type { ClusterRegistry } from '../clusters/registry';
import type { HistoryQuery, HistorySeries } from '../../lib/metrics/api';

export interface PrometheusTarget {
  namespace: string;
  service: string;
  port: string;
}

interface ServiceItem {
  metadata?: { name?: string; namespace?: string };
  spec?: { ports?: { name?: string; port?: number }[] };
}

const DISCOVERY_TTL_MS = 300_000;

/** `cluster=namespace/service:port` pairs, comma-separated (port optional, default 9090). */
export function parsePrometheusSetting(s: string | undefined): Map<string, PrometheusTarget> {
  const out = new Map<string, PrometheusTarget>();
  for (const part of (s ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([^=]+)=([a-z0-9-]+)\/([a-z0-9-]+)(?::([a-z0-9-]+))?$/.exec(part);
    if (!m) throw new Error(`WHEELHOUSE_PROMETHEUS: "${part}" is not cluster=namespace/service[:port]`);
    out.set(m[1], { namespace: m[2], service: m[3], port: m[4] ?? '9090' });
  }
  return out;
}

/** Picks a Prometheus Service by the charts' naming conventions. */
export function pickPrometheus(services: ServiceItem[]): PrometheusTarget | undefined {
  const rank = (name: string) => (name === 'prometheus-operated' ? 0 : name.endsWith('-kube-prometheus-prometheus') ? 1 : name === 'prometheus-server' ? 2 : name.endsWith('-prometheus-server') ? 3 : -1);
  const found = services
    .filter((s) => s.metadata?.name && s.metadata.namespace && rank(s.metadata.name) >= 0)
    .sort((a, b) => rank(a.metadata!.name!) - rank(b.metadata!.name!))[0];
  if (!found) return undefined;
  const ports = found.spec?.ports ?? [];
  const port = ports.find((p) => p.name === 'web' || p.name === 'http-web' || p.name === 'http') ?? ports[0];
  return { namespace: found.metadata!.namespace!, service: found.metadata!.name!, port: String(port?.name || port?.port || 9090) };
}

const matrix = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(z.tuple([z.number(), z.string()])) })),
  }),
});

/** PromQL label values are double-quoted strings; names here are validated DNS labels, escaping is belt and braces. */
const q = (v: string) => JSON.stringify(v);
const reEscape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** PromQL for CPU (cores) and memory (bytes) of a target, grouped like the sampler's series. */
export function promQueries(h: HistoryQuery, stepMs: number): { cpu: string; memory: string; by: string } | undefined {
  const window = `${Math.max(60, Math.round((stepMs / 1000) * 4))}s`;
  let sel: string;
  let by: string;
  if (h.target === 'pod' && h.namespace && h.name) {
    sel = `namespace=${q(h.namespace)},pod=${q(h.name)},container!="",container!="POD"`;
    by = 'container';
  } else if (h.target === 'workload' && h.namespace && h.name) {
    // pods of Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs are named "<owner>-<suffix>"
    sel = `namespace=${q(h.namespace)},pod=~${q(`${reEscape(h.name)}-.+`)},container!="",container!="POD"`;
    by = 'pod';
  } else if (h.target === 'node' && h.name) {
    sel = `id="/",node=${q(h.name)}`;
    by = 'node';
  } else if (h.target === 'cluster') {
    sel = 'id="/"';
    by = '';
  } else return undefined;
  return {
    cpu: `sum by (${by}) (rate(container_cpu_usage_seconds_total{${sel}}[${window}]))`,
    memory: `sum by (${by}) (container_memory_working_set_bytes{${sel}})`,
    by,
  };
}

export class PrometheusFinder {
  private cache = new Map<string, { at: number; target?: PrometheusTarget }>();

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly settings: Map<string, PrometheusTarget>,
    private readonly now: () => number = Date.now,
  ) {}

  async find(cluster: string): Promise<PrometheusTarget | undefined> {
    const set = this.settings.get(cluster);
    if (set) return set;
    const hit = this.cache.get(cluster);
    if (hit && this.now() - hit.at < DISCOVERY_TTL_MS) return hit.target;
    let target: PrometheusTarget | undefined;
    try {
      const list = await this.registry.client(cluster).request<{ items?: ServiceItem[] }>({ path: '/api/v1/services' });
      target = pickPrometheus(list?.items ?? []);
    } catch {
      target = undefined; // no Prometheus we can see: the sampler's history is used
    }
    this.cache.set(cluster, { at: this.now(), target });
    return target;
  }

  forget(cluster: string): void {
    this.cache.delete(cluster);
  }
}

/** query_range through services/proxy as the person; aligned to the sampler's answer shape. */
export async function queryRange(
  client: K8sClient,
  t: PrometheusTarget,
  h: HistoryQuery,
  startMs: number,
  endMs: number,
  stepMs: number,
): Promise<{ times: number[]; series: HistorySeries[] }> {
  const queries = promQueries(h, stepMs);
  if (!queries) return { times: [], series: [] };
  // evaluation points end at `endMs` (whole ms), so the newest point is now rather than up to a step ago
  const end = Math.floor(endMs);
  const start = end - Math.floor((end - startMs) / stepMs) * stepMs;
  const times: number[] = [];
  for (let x = start; x <= end; x += stepMs) times.push(x);
  const base = `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/services/${encodeURIComponent(`${t.service}:${t.port}`)}/proxy/api/v1/query_range`;
  const run = async (query: string) => {
    const qs = new URLSearchParams({ query, start: String(start / 1000), end: String(times[times.length - 1] / 1000), step: `${stepMs / 1000}s` });
    const body = await client.request<unknown>({ path: `${base}?${qs}`, timeoutMs: 15_000 });
    const parsed = matrix.safeParse(typeof body === 'string' ? JSON.parse(body) : body);
    if (!parsed.success) throw new Error(`Prometheus answered something other than a matrix: ${parsed.error.issues[0]?.message}`);
    return parsed.data.data.result;
  };
  const [cpu, memory] = await Promise.all([run(queries.cpu), run(queries.memory)]);
  const byName = new Map<string, HistorySeries>();
  const index = new Map(times.map((x, i) => [x, i]));
  const fill = (rows: typeof cpu, field: 'cpu' | 'memory') => {
    for (const r of rows) {
      const name = (queries.by && r.metric[queries.by]) || (h.target === 'cluster' ? 'cluster' : h.name ?? 'total');
      let s = byName.get(name);
      if (!s) byName.set(name, (s = { name, cpu: times.map(() => null), memory: times.map(() => null) }));
      for (const [ts, v] of r.values) {
        const i = index.get(Math.round(ts * 1000));
        const n = Number(v);
        if (i !== undefined && Number.isFinite(n)) s[field][i] = n;
      }
    }
  };
  fill(cpu, 'cpu');
  fill(memory, 'memory');
  return { times, series: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
