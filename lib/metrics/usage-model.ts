/**
 * Usage for list rows from the BFF's latest metrics sample: a pod's own usage, a node's, or a workload's (the
 * sum of the pods its selector matches). Requests and limits come from the objects themselves (pod spec, the
 * workload's pod template × its measured pods, node allocatable). Pure: the list builds one per sample.
 */
import type { K8sObject } from '../k8s/types';
import { parseQuantity, parseSpecQuantity } from '../k8s/machinery/quantity';
import type { UsageNow } from './api';

export type Resource = 'cpu' | 'memory';

export interface Usage {
  cpu: number;
  memory: number;
  /** pods summed (workloads) */
  pods?: number;
}

export interface UsageIndex {
  available: boolean;
  /** why cells are empty when not available */
  reason?: string;
  at?: number;
  pods: Map<string, Usage>;
  nodes: Map<string, Usage>;
  /** per namespace: "key=value" → pod names carrying that label, to find a workload's pods without a scan */
  postings: Map<string, Map<string, string[]>>;
  podLabels: Map<string, Record<string, string>>;
  workloads: WeakMap<object, Usage | null>;
}

export function buildUsageIndex(u: UsageNow | undefined, fallbackReason?: string): UsageIndex {
  const idx: UsageIndex = {
    available: u?.available ?? false,
    reason: u?.reason ?? fallbackReason,
    at: u?.at,
    pods: new Map(),
    nodes: new Map(),
    postings: new Map(),
    podLabels: new Map(),
    workloads: new WeakMap(),
  };
  if (!u) return idx;
  for (const [ns, name, cpu, memory, ls] of u.pods) {
    const id = `${ns}/${name}`;
    idx.pods.set(id, { cpu, memory });
    const labels = ls !== undefined ? u.labelSets?.[ls] : undefined;
    if (!labels) continue;
    idx.podLabels.set(id, labels);
    let byKv = idx.postings.get(ns);
    if (!byKv) idx.postings.set(ns, (byKv = new Map()));
    for (const [k, v] of Object.entries(labels)) {
      const kv = `${k}=${v}`;
      const list = byKv.get(kv);
      if (list) list.push(name);
      else byKv.set(kv, [name]);
    }
  }
  for (const [name, cpu, memory] of u.nodes) idx.nodes.set(name, { cpu, memory });
  return idx;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A workload's pod selector: spec.selector (apps, batch) or the map form (ReplicationController). */
export function workloadSelector(obj: K8sObject): LabelSelector | undefined {
  const s = obj.spec?.selector;
  if (!s || typeof s !== 'object') return undefined;
  if ('matchLabels' in s || 'matchExpressions' in s) return s as LabelSelector;
  return { matchLabels: s as Record<string, string> };
}

/** metav1.FormatLabelSelector: the string form the BFF's history route takes. */
export function selectorString(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** Names of the measured pods a workload's selector matches (an empty selector matches nothing, as upstream). */
export function workloadPods(idx: UsageIndex, obj: K8sObject, sel = workloadSelector(obj)): string[] {
  const ns = obj.metadata.namespace ?? '';
  const byKv = idx.postings.get(ns);
  if (!sel || !byKv) return [];
  const kvs = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  if (kvs.length === 0 && !(sel.matchExpressions ?? []).length) return [];
  let candidates: string[] | undefined;
  for (const kv of kvs) {
    const list = byKv.get(kv) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  candidates ??= [...new Set([...byKv.values()].flat())];
  return candidates.filter((p) => selectorMatches(sel, idx.podLabels.get(`${ns}/${p}`) ?? {}));
}

export function usageOf(idx: UsageIndex | undefined, obj: K8sObject, target: 'pod' | 'node' | 'workload', sel?: LabelSelector): Usage | null {
  if (!idx?.available) return null;
  if (target === 'pod') return idx.pods.get(`${obj.metadata.namespace ?? ''}/${obj.metadata.name}`) ?? null;
  if (target === 'node') return idx.nodes.get(obj.metadata.name) ?? null;
  const hit = idx.workloads.get(obj);
  if (hit !== undefined) return hit;
  const ns = obj.metadata.namespace ?? '';
  const sum: Usage = { cpu: 0, memory: 0, pods: 0 };
  for (const p of workloadPods(idx, obj, sel ?? workloadSelector(obj))) {
    const u = idx.pods.get(`${ns}/${p}`);
    if (!u) continue;
    sum.cpu += u.cpu;
    sum.memory += u.memory;
    sum.pods!++;
  }
  const out = sum.pods ? sum : null;
  idx.workloads.set(obj, out);
  return out;
}

interface ContainerLike {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** Sum of the containers' requests and limits (a limit counts only if every container sets one). */
export function podSpecResources(spec: { containers?: ContainerLike[] } | undefined, res: Resource): { request: number | null; limit: number | null } {
  const cs = spec?.containers ?? [];
  let request = 0;
  let limit = 0;
  let anyRequest = false;
  let allLimits = cs.length > 0;
  for (const c of cs) {
    const r = parseSpecQuantity(c.resources?.requests?.[res] ?? c.resources?.limits?.[res]);
    const l = parseSpecQuantity(c.resources?.limits?.[res]);
    if (r !== null) {
      request += r;
      anyRequest = true;
    }
    if (l === null) allLimits = false;
    else limit += l;
  }
  return { request: anyRequest ? request : null, limit: allLimits ? limit : null };
}

/** The shares a cell shows: of request and limit (pods, workloads) or of allocatable (nodes). */
export function sharesOf(obj: K8sObject, target: 'pod' | 'node' | 'workload', res: Resource, u: Usage): { label: string; share: number }[] {
  const used = u[res];
  if (target === 'node') {
    const alloc = parseQuantity(obj.status?.allocatable?.[res] ?? obj.status?.capacity?.[res]);
    return alloc ? [{ label: 'allocatable', share: used / alloc }] : [];
  }
  const spec = target === 'pod' ? obj.spec : obj.spec?.template?.spec ?? obj.spec?.jobTemplate?.spec?.template?.spec;
  const r = podSpecResources(spec, res);
  const n = target === 'pod' ? 1 : u.pods ?? 1;
  const out: { label: string; share: number }[] = [];
  if (r.request) out.push({ label: 'request', share: used / (r.request * n) });
  if (r.limit) out.push({ label: 'limit', share: used / (r.limit * n) });
  return out;
}

/** A usage cell's object-derived inputs (lib/metrics/columns.ts usageInputs), kept in a list row. */
export interface UsageInputs {
  cpu?: { request: number | null; limit: number | null };
  memory?: { request: number | null; limit: number | null };
  /** a workload's pod selector (null: none) */
  selector?: LabelSelector | null;
  /** a node's allocatable (else capacity) */
  alloc?: { cpu: number | null; memory: number | null };
}

/** usageOf over a list row: the row's name and namespace, and the selector from its inputs. */
export function usageOfInputs(idx: UsageIndex | undefined, row: K8sObject, target: 'pod' | 'node' | 'workload', inputs: UsageInputs): Usage | null {
  if (target === 'workload' && !inputs.selector) return null;
  return usageOf(idx, row, target, inputs.selector ?? undefined);
}

/** sharesOf over a list row's inputs (the same shares, without the object). */
export function sharesOfInputs(inputs: UsageInputs, target: 'pod' | 'node' | 'workload', res: Resource, u: Usage): { label: string; share: number }[] {
  const used = u[res];
  if (target === 'node') {
    const alloc = inputs.alloc?.[res];
    return alloc ? [{ label: 'allocatable', share: used / alloc }] : [];
  }
  const r = inputs[res] ?? { request: null, limit: null };
  const n = target === 'pod' ? 1 : u.pods ?? 1;
  const out: { label: string; share: number }[] = [];
  if (r.request) out.push({ label: 'request', share: used / (r.request * n) });
  if (r.limit) out.push({ label: 'limit', share: used / (r.limit * n) });
  return out;
}
