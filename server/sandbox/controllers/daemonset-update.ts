/**
 * DaemonSet RollingUpdate arithmetic, as upstream's daemon/update.go: without maxSurge an old pod is deleted
 * before its replacement starts (at most maxUnavailable nodes at a time); with maxSurge the new pod starts next to
 * the old one, which is deleted once the new one is available (at most maxSurge nodes surging at a time). Plus the
 * manage loop's rule for nodes with more than one daemon pod.
 */
import type { KObject } from '../types';
import { resolveIntOrPercent } from './deployment-util';

export const REV_LABEL = 'controller-revision-hash';

/** maxSurge / maxUnavailable resolved against desiredNumberScheduled (both round up for DaemonSets). */
export function surgeAndUnavailableDS(spec: { updateStrategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } } }, desired: number) {
  const ru = spec.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(ru.maxSurge, desired, true, '0');
  let maxUnavailable = resolveIntOrPercent(ru.maxUnavailable, desired, true, '1');
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** Live (not terminating, not terminal) daemon pods of one eligible node. */
export interface NodePods {
  node: string;
  pods: KObject[];
}

const created = (p: KObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
const oldestFirst = (a: KObject, b: KObject) => created(a) - created(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);

/** findUpdatedPodsOnNode: at most one pod of the current hash and one of another; ok=false when there are more. */
function splitByRevision(pods: KObject[], hash: string): { newPod?: KObject; oldPod?: KObject; ok: boolean } {
  const news = pods.filter((p) => p.metadata.labels?.[REV_LABEL] === hash);
  const olds = pods.filter((p) => p.metadata.labels?.[REV_LABEL] !== hash);
  return { newPod: news[0], oldPod: olds[0], ok: news.length <= 1 && olds.length <= 1 };
}

/**
 * Manage loop for a node running several daemon pods: without surge keep the oldest; with surge keep the oldest of
 * each revision, and of those drop the old one when it is not ready or the new one is available.
 */
export function excessPods(pods: KObject[], hash: string, surge: boolean, ready: (p: KObject) => boolean, available: (p: KObject) => boolean): KObject[] {
  if (pods.length <= 1) return [];
  const sorted = [...pods].sort(oldestFirst);
  if (!surge) return sorted.slice(1);
  let oldestNew: KObject | undefined;
  let oldestOld: KObject | undefined;
  const out: KObject[] = [];
  for (const p of sorted) {
    if (p.metadata.labels?.[REV_LABEL] === hash && !oldestNew) oldestNew = p;
    else if (p.metadata.labels?.[REV_LABEL] !== hash && !oldestOld) oldestOld = p;
    else out.push(p);
  }
  if (oldestNew && oldestOld && (!ready(oldestOld) || available(oldestNew))) out.push(oldestOld);
  return out;
}

/** One rolling-update step: old pods to delete now and nodes that get a new (surge) pod now. */
export function rollingUpdatePlan(
  nodes: NodePods[],
  hash: string,
  limits: { maxSurge: number; maxUnavailable: number },
  available: (p: KObject) => boolean,
): { del: KObject[]; createOn: string[] } {
  return limits.maxSurge > 0 ? surgePlan(nodes, hash, limits.maxSurge, available) : unavailablePlan(nodes, hash, limits.maxUnavailable, available);
}

function unavailablePlan(nodes: NodePods[], hash: string, maxUnavailable: number, available: (p: KObject) => boolean) {
  let numUnavailable = 0;
  const replace: KObject[] = [];
  const candidates: KObject[] = [];
  for (const { pods } of nodes) {
    const { newPod, oldPod, ok } = splitByRevision(pods, hash);
    // no live pod (being created or terminating) or two of them: the manage loop's business, counted unavailable
    if (!ok || (newPod && oldPod) || (!newPod && !oldPod)) numUnavailable++;
    else if (newPod) {
      if (!available(newPod)) numUnavailable++;
    } else if (oldPod) {
      if (!available(oldPod)) replace.push(oldPod);
      else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
    }
  }
  const n = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return { del: [...replace, ...candidates.slice(0, n)], createOn: [] };
}

function surgePlan(nodes: NodePods[], hash: string, maxSurge: number, available: (p: KObject) => boolean) {
  let numSurge = 0;
  const del: KObject[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  for (const { node, pods } of nodes) {
    if (!pods.length) continue;
    const { newPod, oldPod, ok } = splitByRevision(pods, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (!oldPod) continue;
    if (!newPod) {
      // an unavailable old pod is replaced at once; an available one waits for a surge slot
      (available(oldPod) ? candidates : allowed).push(node);
    } else if (!available(newPod)) numSurge++;
    else del.push(oldPod);
  }
  const n = Math.min(Math.max(0, maxSurge - numSurge), candidates.length);
  return { del, createOn: [...allowed, ...candidates.slice(0, n)] };
}
