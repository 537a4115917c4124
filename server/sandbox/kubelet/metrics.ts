/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * metrics.k8s.io from the simulation: usage is a smooth seeded function of time around a base derived from
 * requests; `sandbox.wheelhouse.dev/cpu-load` (e.g. "900m") on a pod is a workload's total CPU demand shared by
 * its running replicas, so scaling out lowers per-pod usage (what makes an HPA converge). Node = pods + overhead.
 */
import type { KObject, MetricsProvider } from '../types';
import { fnv32a } from '../controllers/lib/hash';
import { cpuQuantity, memoryQuantity, parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { imageBehaviour } from './images';
import type { Kubelets } from './kubelet';
import type { PodRun } from './containers';

export const CPU_LOAD_ANNOTATION = 'sandbox.wheelhouse.dev/cpu-load';
const MiB = 2 ** 20;

function wave(seed: number, t: number): number {
  const p1 = ((seed % 1000) / 1000) * Math.PI * 2;
  const p2 = (((seed >>> 10) % 1000) / 1000) * Math.PI * 2;
  return 1 + 0.2 * Math.sin((2 * Math.PI * t) / 300_000 + p1) + 0.08 * Math.sin((2 * Math.PI * t) / 47_000 + p2);
}

function groupKey(run: PodRun): string {
  const l = run.pod.metadata.labels ?? {};
  const owner = run.pod.metadata.ownerReferences?.find((o) => o.controller);
  return `${run.ns}/${l['app.kubernetes.io/name'] ?? l.app ?? owner?.name ?? run.name}`;
}

export function containerUsage(run: PodRun, cname: string, t: number, share: number | undefined): { cpu: number; memory: number } {
  const spec = ((run.pod as any).spec?.containers ?? []).find((c: any) => c.name === cname) ?? {};
  const c = run.app.find((x) => x.name === cname);
  const seed = fnv32a(`${run.uid}/${cname}`);
  const reqCpu = (parseQuantity(spec.resources?.requests?.cpu ?? spec.resources?.limits?.cpu) ?? 0);
  const reqMem = (parseQuantity(spec.resources?.requests?.memory ?? spec.resources?.limits?.memory) ?? 0);
  const limMem = (parseQuantity(spec.resources?.limits?.memory) ?? 0);
  const base = share !== undefined ? share : reqCpu > 0 ? reqCpu * (0.15 + 0.3 * ((seed % 100) / 100)) : 0.002 + 0.02 * ((seed % 97) / 97);
  const cpu = base * wave(seed, t);
  let memory = (reqMem > 0 ? reqMem * (0.45 + 0.35 * (((seed >>> 7) % 100) / 100)) : (12 + ((seed >>> 3) % 120)) * MiB) * (1 + 0.04 * Math.sin(t / 90_000 + seed));
  if (c && imageBehaviour(c.image) === 'oom' && c.current) {
    // climbs towards the limit and past it; the kubelet kills it at ~4s simulated
    const target = limMem > 0 ? limMem * 1.1 : 512 * MiB;
    memory = Math.min(target, memory + (target - memory) * Math.min(1, (t - c.current.startedMs) / 4000));
  }
  if (limMem > 0 && (!c || imageBehaviour(c.image) !== 'oom')) memory = Math.min(memory, limMem * 0.95);
  return { cpu, memory };
}

export function createMetricsProvider(kubelets: Kubelets): MetricsProvider {
  function runningRuns(ns?: string): PodRun[] {
    const out: PodRun[] = [];
    for (const r of kubelets.runs.values()) {
      if (ns && r.ns !== ns) continue;
      if (r.terminating) continue;
      if (r.app.some((c) => c.state.running)) out.push(r);
    }
    return out;
  }

  function shares(runs: PodRun[]): Map<string, number> {
    // cpu-load is per workload: count running replicas per group across the cluster
    const counts = new Map<string, number>();
    for (const r of kubelets.runs.values()) {
      if (!r.pod.metadata.annotations?.[CPU_LOAD_ANNOTATION] || r.terminating) continue;
      if (!r.app.some((c) => c.state.running)) continue;
      const k = groupKey(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const out = new Map<string, number>();
    for (const r of runs) {
      const load = r.pod.metadata.annotations?.[CPU_LOAD_ANNOTATION];
      if (!load) continue;
      const n = counts.get(groupKey(r)) ?? 1;
      out.set(r.uid, (parseQuantity(load) ?? 0) / n / Math.max(1, r.app.length));
    }
    return out;
  }

  function podUsage(r: PodRun, t: number, share: Map<string, number>) {
    return r.app
      .filter((c) => c.state.running)
      .map((c) => ({ name: c.name, ...containerUsage(r, c.name, t, share.get(r.uid)) }));
  }

  return {
    podMetrics(namespace) {
      const t = Date.now();
      const runs = runningRuns(namespace);
      const share = shares(runs);
      const ts = new Date(Math.floor(t / 1000) * 1000 - 5000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return runs.map(
        (r): KObject => ({
          kind: 'PodMetrics',
          apiVersion: 'metrics.k8s.io/v1beta1',
          metadata: { name: r.name, namespace: r.ns, creationTimestamp: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'), labels: r.pod.metadata.labels ?? {} },
          timestamp: ts,
          window: '15s',
          containers: podUsage(r, t, share).map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpu), memory: memoryQuantity(c.memory) } })),
        }),
      );
    },
    nodeMetrics() {
      const t = Date.now();
      const runs = runningRuns();
      const share = shares(runs);
      const per = new Map<string, { cpu: number; memory: number }>();
      for (const r of runs) {
        const acc = per.get(r.node) ?? { cpu: 0, memory: 0 };
        for (const c of podUsage(r, t, share)) {
          acc.cpu += c.cpu;
          acc.memory += c.memory;
        }
        per.set(r.node, acc);
      }
      const ts = new Date(Math.floor(t / 1000) * 1000 - 5000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return [...kubelets.nodes.values()].map((n): KObject => {
        const seed = fnv32a(n.name);
        const acc = per.get(n.name) ?? { cpu: 0, memory: 0 };
        return {
          kind: 'NodeMetrics',
          apiVersion: 'metrics.k8s.io/v1beta1',
          metadata: { name: n.name, creationTimestamp: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'), labels: n.obj.metadata.labels ?? {} },
          timestamp: ts,
          window: '20.05s',
          usage: {
            cpu: cpuQuantity(acc.cpu + 0.12 * wave(seed, t)),
            memory: memoryQuantity(acc.memory + 700 * MiB * (1 + 0.03 * Math.sin(t / 120_000 + seed))),
          },
        };
      });
    },
  };
}

/** Per-pod CPU usage (cores) for the HPA controller, same numbers `kubectl top` shows. */
export function podCpuUsage(metrics: MetricsProvider, ns: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of metrics.podMetrics(ns)) {
    const sum = ((m as any).containers as any[]).reduce((s, c) => s + (parseQuantity(c.usage.cpu) ?? 0), 0);
    out.set(m.metadata.name!, sum);
  }
  return out;
}
