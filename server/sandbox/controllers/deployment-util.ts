/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Pure rolling-update arithmetic and status computation, as in k8s.io/kubernetes/pkg/controller/deployment/util. */
import type { KObject } from '../types';
import { stableStringify } from './lib/hash';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** Deployment annotations that are copied onto its ReplicaSets (change-cause among them). */
export function copiedAnnotations(d: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
  return out;
}

/** intstr: "25%" of total (rounded up or down) or an integer. */
export function resolveIntOrPercent(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number(x) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export function surgeAndUnavailable(spec: any): { maxSurge: number; maxUnavailable: number } {
  const replicas = spec.replicas ?? 1;
  if ((spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { maxSurge: 0, maxUnavailable: 0 };
  const ru = spec.strategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(ru.maxSurge, replicas, true, '25%');
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/** maxUnavailable as Available-condition threshold (0 for Recreate). */
export function maxUnavailableOf(spec: any): number {
  return surgeAndUnavailable(spec).maxUnavailable;
}

const specReplicas = (rs: KObject) => ((rs as any).spec?.replicas ?? 0) as number;
const st = (rs: KObject, f: string) => (((rs as any).status ?? {})[f] ?? 0) as number;

/** Template equality ignoring the pod-template-hash label the controller adds. */
export function sameTemplate(rsTemplate: any, dTemplate: any): boolean {
  const a = structuredClone(rsTemplate ?? {});
  if (a.metadata?.labels) delete a.metadata.labels[HASH_LABEL];
  const b = structuredClone(dTemplate ?? {});
  if (b.metadata?.labels) delete b.metadata.labels[HASH_LABEL];
  return stableStringify(normalize(a)) === stableStringify(normalize(b));
}

function normalize(t: any): any {
  // empty maps and absent maps are equal (the API server drops one or the other)
  if (t.metadata) {
    for (const k of ['labels', 'annotations']) if (t.metadata[k] && Object.keys(t.metadata[k]).length === 0) delete t.metadata[k];
    if (Object.keys(t.metadata).length === 0) delete t.metadata;
    delete t.metadata?.creationTimestamp;
  }
  return t;
}

/** NewRSNewReplicas for RollingUpdate: how far the new RS may scale up now. */
export function newRSReplicas(spec: any, allRSs: KObject[], newRS: KObject): number {
  const replicas = spec.replicas ?? 1;
  const { maxSurge } = surgeAndUnavailable(spec);
  const cur = specReplicas(newRS);
  if (cur >= replicas) return replicas;
  const currentPodCount = allRSs.reduce((s, rs) => s + specReplicas(rs), 0);
  const maxTotal = replicas + maxSurge;
  if (currentPodCount >= maxTotal) return cur;
  const scaleUp = Math.min(maxTotal - currentPodCount, replicas - cur);
  return cur + scaleUp;
}

/**
 * How much each old RS is scaled down now (reconcileOldReplicaSets): first unhealthy replicas, then
 * available ones while keeping replicas - maxUnavailable available. Returns new spec.replicas per RS name.
 */
export function oldRSScaleDown(spec: any, allRSs: KObject[], oldRSs: KObject[], newRS: KObject | undefined): Map<string, number> {
  const result = new Map<string, number>();
  const replicas = spec.replicas ?? 1;
  const { maxUnavailable } = surgeAndUnavailable(spec);
  const cur = new Map(allRSs.map((rs) => [rs.metadata.name!, specReplicas(rs)]));
  const oldCount = oldRSs.reduce((s, rs) => s + specReplicas(rs), 0);
  if (oldCount === 0) return result;
  const allPods = [...cur.values()].reduce((a, b) => a + b, 0);
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = newRS ? specReplicas(newRS) - st(newRS, 'availableReplicas') : 0;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return result;
  const oldest = [...oldRSs].sort((a, b) => (Date.parse(a.metadata.creationTimestamp ?? '') || 0) - (Date.parse(b.metadata.creationTimestamp ?? '') || 0));
  // 1. unhealthy replicas of old RSes go first: they don't count towards availability anyway
  let cleaned = 0;
  for (const rs of oldest) {
    if (cleaned >= maxScaledDown) break;
    const n = cur.get(rs.metadata.name!)!;
    if (n === 0) continue;
    const unhealthy = n - st(rs, 'availableReplicas');
    if (unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    cur.set(rs.metadata.name!, n - down);
    result.set(rs.metadata.name!, n - down);
    cleaned += down;
  }
  // 2. then available ones, keeping minAvailable available across all RSes
  const available = allRSs.reduce((s, rs) => s + Math.min(st(rs, 'availableReplicas'), cur.get(rs.metadata.name!)!), 0);
  if (available <= minAvailable) return result;
  let total = available - minAvailable;
  for (const rs of oldest) {
    if (total <= 0) break;
    const n = cur.get(rs.metadata.name!)!;
    if (n === 0) continue;
    const down = Math.min(n, total);
    cur.set(rs.metadata.name!, n - down);
    result.set(rs.metadata.name!, n - down);
    total -= down;
  }
  return result;
}

export interface DeploymentCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  unavailableReplicas: number;
}

export function countStatus(allRSs: KObject[], newRS: KObject | undefined): DeploymentCounts {
  const sum = (f: string) => allRSs.reduce((s, rs) => s + st(rs, f), 0);
  const total = allRSs.reduce((s, rs) => s + specReplicas(rs), 0);
  const availableReplicas = sum('availableReplicas');
  return {
    replicas: sum('replicas'),
    updatedReplicas: newRS ? st(newRS, 'replicas') : 0,
    readyReplicas: sum('readyReplicas'),
    availableReplicas,
    unavailableReplicas: Math.max(0, total - availableReplicas),
  };
}

export function isComplete(spec: any, c: DeploymentCounts): boolean {
  const r = spec.replicas ?? 1;
  return c.updatedReplicas === r && c.replicas === r && c.availableReplicas === r;
}

export function revisionOf(o: KObject): number {
  return Number(o.metadata.annotations?.[REVISION] ?? 0) || 0;
}
