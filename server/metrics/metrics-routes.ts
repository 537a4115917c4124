/**
 * GET /api/clusters/:cluster/metrics/usage   latest sample (list columns), pods or nodes
 * GET /api/clusters/:cluster/metrics/history chart series of a pod (per container), a workload (per pod), a node
 *                                            or the whole cluster, over 15m/1h/6h/24h
 * Both answer from the sampler's memory (one upstream list per interval for everyone), after checking that the
 * person may list what they ask about: pods in that namespace (or cluster-wide), nodes, or pods everywhere
 * for the cluster total. Ranges longer than the local history go to the cluster's Prometheus, as the person.
 */
import type { FastifyInstance } from 'fastify';
import type { AccessCheck } from '../../lib/auth-types';
import { historyQuery, RANGE_MS, usageQuery, type HistoryQuery, type HistorySeries, type MetricsHistory, type UsageNow } from '../../lib/metrics/api';
import { badRequest } from '../k8s/errors';
import { forbidden, SUMMARY_ACCESS, type AccessReviewer } from '../watch/access';
import { matchesRequirements as matchesSelector, parseSelector as parseLabelSelector } from '../../lib/k8s/machinery/labels';
import { clusterParams, identityOf, parse, personClient, type RouteDeps } from '../api/common';
import type { ClusterMetrics, MetricsSampler } from './sampler';
import { queryRange, type PrometheusFinder } from './prometheus';
import type { QueryResult } from './series-store';

export interface MetricsRouteDeps extends Pick<RouteDeps, 'registry'> {
  sampler: MetricsSampler;
  access: AccessReviewer;
  prometheus: PrometheusFinder;
  now?: () => number;
}

function sumSeries(name: string, list: QueryResult['series'], n: number): HistorySeries {
  const out: HistorySeries = { name, cpu: new Array(n).fill(null), memory: new Array(n).fill(null) };
  for (const s of list) {
    for (let i = 0; i < n; i++) {
      if (s.cpu[i] !== null) out.cpu[i] = (out.cpu[i] ?? 0) + s.cpu[i]!;
      if (s.memory[i] !== null) out.memory[i] = (out.memory[i] ?? 0) + s.memory[i]!;
    }
  }
  return out;
}

/** Sampler history shaped per target: containers of a pod, pods of a workload, one node, the cluster. */
export async function localHistory(m: ClusterMetrics, h: HistoryQuery, now: number): Promise<{ stepMs: number; times: number[]; series: HistorySeries[] }> {
  const range = RANGE_MS[h.range];
  if (h.target === 'pod') {
    const prefix = `p/${h.namespace}/${h.name}/`;
    const r = await m.history.query(now, range, { kind: 'pod', namespace: h.namespace!, name: h.name! });
    return { stepMs: r.stepMs, times: r.times, series: r.series.map((s) => ({ name: s.key.slice(prefix.length), cpu: s.cpu, memory: s.memory })) };
  }
  if (h.target === 'workload') {
    const prefix = `p/${h.namespace}/`;
    const reqs = parseLabelSelector(h.selector ?? '');
    const r = await m.history.query(now, range, { kind: 'workload', namespace: h.namespace!, match: (labels) => reqs.length > 0 && matchesSelector(reqs, labels) });
    const byPod = new Map<string, QueryResult['series']>();
    for (const s of r.series) {
      const pod = s.key.slice(prefix.length, s.key.lastIndexOf('/'));
      byPod.set(pod, [...(byPod.get(pod) ?? []), s]);
    }
    const series = [...byPod].sort(([a], [b]) => a.localeCompare(b)).map(([pod, list]) => sumSeries(pod, list, r.times.length));
    return { stepMs: r.stepMs, times: r.times, series };
  }
  if (h.target === 'node') {
    const r = await m.history.query(now, range, { kind: 'node', name: h.name! });
    return { stepMs: r.stepMs, times: r.times, series: r.series.map((s) => ({ name: h.name!, cpu: s.cpu, memory: s.memory })) };
  }
  const r = await m.history.query(now, range, { kind: 'nodes' });
  return { stepMs: r.stepMs, times: r.times, series: r.times.length ? [sumSeries('cluster', r.series, r.times.length)] : [] };
}

function accessFor(h: HistoryQuery | { target: 'pods' | 'nodes'; namespace?: string }): AccessCheck {
  if (h.target === 'node' || h.target === 'nodes') return { verb: 'list', group: '', resource: 'nodes' };
  if (h.target === 'cluster') return SUMMARY_ACCESS;
  return { verb: 'list', group: '', resource: 'pods', namespace: h.namespace };
}

export async function metricsRoutes(app: FastifyInstance, deps: MetricsRouteDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const check = async (req: Parameters<typeof identityOf>[0], cluster: string, a: AccessCheck) => {
    deps.registry.client(cluster); // 404 for unknown clusters before any review
    const v = await deps.access.can(identityOf(req), cluster, a);
    if (!v.allowed) throw forbidden(v.reason, cluster);
  };

  app.get('/api/clusters/:cluster/metrics/usage', async (req): Promise<UsageNow> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    const q = parse(usageQuery, req.query, 'query');
    await check(req, cluster, accessFor({ target: q.kind, namespace: q.namespace }));
    const m = deps.sampler.latest(cluster);
    const out: UsageNow = { available: m.available, reason: m.reason, at: m.at, intervalMs: deps.sampler.intervalMs, pods: [], nodes: [] };
    if (q.kind === 'nodes') {
      out.nodes = m.nodes.map((n) => [n.name, n.cpu, n.memory]);
      return out;
    }
    const labelIndex = new Map<number, number>();
    const labelSets: Record<string, string>[] = [];
    for (const p of m.pods) {
      if (q.namespace && p.ns !== q.namespace) continue;
      if (q.labels === '1') {
        let i = labelIndex.get(p.labelSet);
        if (i === undefined) {
          labelIndex.set(p.labelSet, (i = labelSets.length));
          labelSets.push(m.history.labels(p.labelSet));
        }
        out.pods.push([p.ns, p.name, p.cpu, p.memory, i]);
      } else out.pods.push([p.ns, p.name, p.cpu, p.memory]);
    }
    if (q.labels === '1') out.labelSets = labelSets;
    return out;
  });

  app.get('/api/clusters/:cluster/metrics/history', async (req): Promise<MetricsHistory> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    const h = parse(historyQuery, req.query, 'query');
    if ((h.target === 'pod' || h.target === 'workload') && !h.namespace) throw badRequest('namespace is required for pod and workload metrics', cluster);
    if ((h.target === 'pod' || h.target === 'node') && !h.name) throw badRequest('name is required for pod and node metrics', cluster);
    if (h.target === 'workload') {
      try {
        if (parseLabelSelector(h.selector ?? '').length === 0) throw new Error('a workload needs a non-empty pod selector');
      } catch (e) {
        throw badRequest(`invalid selector: ${(e as Error).message}`, cluster);
      }
    }
    await check(req, cluster, accessFor(h));
    const m = deps.sampler.get(cluster) ?? deps.sampler.entry(cluster);
    const t = now();
    const range = RANGE_MS[h.range];
    const local = await localHistory(m, h, t);
    const interval = `${Math.round(deps.sampler.intervalMs / 1000)} s`;
    const fromSampler: MetricsHistory = {
      source: 'sampler',
      sourceDetail: `Wheelhouse's samples of metrics.k8s.io (every ${interval}, averaged over ${Math.round(local.stepMs / 1000)} s steps)`,
      available: m.available || local.times.length > 0,
      reason: m.available ? undefined : m.reason,
      ...local,
    };
    // the local history starts at the BFF's start-up: older parts of the range come from Prometheus when there is one
    const covered = t - (await m.history.coverageStart()) >= range * 0.95;
    if (covered) return fromSampler;
    const target = await deps.prometheus.find(cluster);
    if (!target) return fromSampler;
    try {
      const stepMs = Math.max(15_000, Math.round(range / 240 / 15_000) * 15_000);
      const r = await queryRange(personClient(deps, cluster, req), target, h, t - range, t, stepMs);
      return {
        source: 'prometheus',
        sourceDetail: `Prometheus ${target.namespace}/${target.service} through the API server (query_range, ${stepMs / 1000} s steps)`,
        available: true,
        stepMs,
        ...r,
      };
    } catch (e) {
      return { ...fromSampler, sourceDetail: `${fromSampler.sourceDetail}; Prometheus ${target.namespace}/${target.service} failed: ${(e as Error).message}` };
    }
  });
}
