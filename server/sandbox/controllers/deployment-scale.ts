/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Proportional scaling of a Deployment's ReplicaSets, as upstream's sync.go `scale()` and util's
 * GetProportion: when spec.replicas changes while several ReplicaSets are active (mid-rollout, paused), the
 * change is spread over them in proportion to their sizes (from the max-replicas annotation they were last
 * scaled with); the rounding leftover goes to the largest one (newest on ties when scaling up, oldest when down).
 */
import type { KObject } from '../types';
import { DESIRED, MAX_REPLICAS, surgeAndUnavailable } from './deployment-util';

const size = (rs: KObject) => ((rs as any).spec?.replicas ?? 0) as number;
const created = (rs: KObject) => Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
const annotated = (rs: KObject, k: string): number | undefined => {
  const v = rs.metadata.annotations?.[k];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
};

/** Older first; name breaks ties (ReplicaSetsByCreationTimestamp). */
function olderFirst(a: KObject, b: KObject): number {
  return created(a) - created(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);
}

/** isScalingEvent: an active ReplicaSet was last scaled for a different spec.replicas. Needs an existing new RS. */
export function isScalingEvent(spec: any, newRS: KObject | undefined, oldRSs: KObject[]): boolean {
  if (!newRS) return false;
  const replicas = spec.replicas ?? 1;
  return [...oldRSs, newRS].some((rs) => size(rs) > 0 && annotated(rs, DESIRED) !== undefined && annotated(rs, DESIRED) !== replicas);
}

/** IsSaturated: the new RS runs all replicas, was scaled for them and has them all available. */
function isSaturated(replicas: number, rs: KObject | undefined): boolean {
  if (!rs) return false;
  return size(rs) === replicas && annotated(rs, DESIRED) === replicas && ((rs as any).status?.availableReplicas ?? 0) === replicas;
}

/** Math.round of Go's integer.RoundToInt32 (half away from zero) for non-negative values. */
const round = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/**
 * The new spec.replicas of each ReplicaSet after a scaling event (upstream `scale()`); RSes that keep their size are
 * included too, so the caller refreshes their replica annotations like upstream's scaleReplicaSet does.
 */
export function proportionalScale(spec: any, statusReplicas: number, newRS: KObject | undefined, oldRSs: KObject[]): Map<string, number> {
  const out = new Map<string, number>();
  const replicas: number = spec.replicas ?? 1;
  const all = newRS ? [...oldRSs, newRS] : [...oldRSs];
  const active = all.filter((rs) => size(rs) > 0);
  // one active (or none: the newest) RS takes the whole count
  if (active.length <= 1) {
    const target = active[0] ?? newRS ?? [...oldRSs].sort(olderFirst).at(-1);
    if (target) out.set(target.metadata.name!, replicas);
    return out;
  }
  if (isSaturated(replicas, newRS)) {
    for (const rs of active) if (rs !== newRS) out.set(rs.metadata.name!, 0);
    return out;
  }
  if ((spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return out;
  const { maxSurge } = surgeAndUnavailable(spec);
  const allowed = replicas > 0 ? replicas + maxSurge : 0;
  const toAdd = allowed - active.reduce((s, rs) => s + size(rs), 0);
  // larger first; ties: newer first when scaling up, older first when scaling down
  active.sort((a, b) => size(b) - size(a) || (toAdd > 0 ? olderFirst(b, a) : olderFirst(a, b)));
  let added = 0;
  const sizes = active.map((rs) => {
    if (toAdd === 0) return size(rs);
    const p = proportion(rs, replicas, maxSurge, statusReplicas, toAdd, added);
    added += p;
    return size(rs) + p;
  });
  if (toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  active.forEach((rs, i) => out.set(rs.metadata.name!, sizes[i]));
  return out;
}

/** GetProportion: this RS's share of toAdd, never more (in absolute value) than what is left of it. */
function proportion(rs: KObject, replicas: number, maxSurge: number, statusReplicas: number, toAdd: number, added: number): number {
  if (size(rs) === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicas === 0) fraction = -size(rs);
  else {
    const before = annotated(rs, MAX_REPLICAS) || statusReplicas;
    fraction = before > 0 ? round((size(rs) * (replicas + maxSurge)) / before) - size(rs) : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
