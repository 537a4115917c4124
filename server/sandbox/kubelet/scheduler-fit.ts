/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Pure scheduling predicates: resources, nodeSelector, required node affinity, taints, cordon. */
import { matchesNodeSelectorTerms } from '../controllers/lib/selectors';
import { podRequests } from '../controllers/lib/requests';
import { parseQuantity } from '../../../lib/k8s/machinery/quantity';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface NodeView {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  ready: boolean;
  allocatable: { cpu: number; memory: number; pods: number };
  requested: { cpu: number; memory: number; pods: number };
}

export function tolerates(tols: Toleration[] | undefined, t: Taint): boolean {
  return (tols ?? []).some((tol) => {
    if (tol.effect && tol.effect !== t.effect) return false;
    if (tol.operator === 'Exists') return !tol.key || tol.key === t.key;
    return tol.key === t.key && (tol.value ?? '') === (t.value ?? '');
  });
}

/** Taints with effect NoSchedule/NoExecute that the pod does not tolerate. */
export function untoleratedTaint(spec: any, taints: Taint[]): Taint | undefined {
  return taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(spec?.tolerations, t));
}

export function nodeAffinityMatches(spec: any, labels: Record<string, string>, nodeName: string): boolean {
  for (const [k, v] of Object.entries((spec?.nodeSelector ?? {}) as Record<string, string>)) if (labels[k] !== v) return false;
  const req = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return matchesNodeSelectorTerms(req?.nodeSelectorTerms, labels, nodeName);
}

/** Reason a node can't take the pod (scheduler's wording for the FailedScheduling summary), or undefined if it fits. */
export function unfitReason(spec: any, n: NodeView): string | undefined {
  if (n.unschedulable && !tolerates(spec?.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))
    return 'node(s) were unschedulable';
  if (!n.ready && !tolerates(spec?.tolerations, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }))
    return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
  const t = untoleratedTaint(spec, n.taints);
  if (t) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
  if (!nodeAffinityMatches(spec, n.labels, n.name)) return "node(s) didn't match Pod's node affinity/selector";
  const req = podRequests(spec);
  if (n.requested.pods + 1 > n.allocatable.pods) return 'Too many pods';
  if (req.cpu > 0 && n.requested.cpu + req.cpu > n.allocatable.cpu + 1e-9) return 'Insufficient cpu';
  if (req.memory > 0 && n.requested.memory + req.memory > n.allocatable.memory) return 'Insufficient memory';
  return undefined;
}

/** Picks the fitting node with the lowest requested share (spreads like LeastAllocated), or explains why none fits. */
export function pickNode(spec: any, nodes: NodeView[]): { node?: string; message?: string } {
  const reasons = new Map<string, number>();
  let best: { name: string; score: number } | undefined;
  for (const n of nodes) {
    const why = unfitReason(spec, n);
    if (why) {
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
      continue;
    }
    const req = podRequests(spec);
    const cpuShare = (n.requested.cpu + req.cpu) / Math.max(n.allocatable.cpu, 1e-9);
    const memShare = (n.requested.memory + req.memory) / Math.max(n.allocatable.memory, 1);
    const podShare = (n.requested.pods + 1) / Math.max(n.allocatable.pods, 1);
    const score = cpuShare + memShare + podShare;
    if (!best || score < best.score || (score === best.score && n.name < best.name)) best = { name: n.name, score };
  }
  if (best) return { node: best.name };
  const parts = [...reasons.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([r, c]) => `${c} ${r}`);
  return {
    message: `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
  };
}

export function nodeAllocatable(node: any): NodeView['allocatable'] {
  const a = node?.status?.allocatable ?? {};
  return { cpu: (parseQuantity(a.cpu) ?? 0), memory: (parseQuantity(a.memory) ?? 0), pods: (parseQuantity(a.pods) ?? 0) || 110 };
}
