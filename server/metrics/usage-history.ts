/**
 * What the sampler and the routes need of a usage history, whichever holds it: the state store
 * (store-history.ts, the default: every replica reads what the sampling replica wrote) or this process's
 * memory (series-store.ts, when the data plane runs without a store).
 */
import type { QueryResult, SampleEntry, SeriesStore } from './series-store';

/** Which series a chart needs: containers of a pod, pods of a workload (by labels), one node, all nodes. */
export type SeriesSelector =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'workload'; namespace: string; match: (labels: Record<string, string>) => boolean }
  | { kind: 'node'; name: string }
  | { kind: 'nodes' };

export interface UsageHistory {
  /** a small integer for a pod's label set, stable while the history holds it */
  internLabels(labels: Record<string, string> | undefined): number;
  labels(id: number): Record<string, string>;
  /** one sample of every series of the cluster at time t */
  record(t: number, entries: SampleEntry[]): Promise<void>;
  /** bucket averages from the finest tier covering rangeMs back from now; series keys as in sampler.ts */
  query(now: number, rangeMs: number, sel: SeriesSelector): Promise<QueryResult>;
  /** start of the oldest bucket held, or Infinity when empty */
  coverageStart(): Promise<number>;
}

/** Series keys: the separator cannot appear in Kubernetes names. */
export const podKey = (ns: string, pod: string, container: string) => `p/${ns}/${pod}/${container}`;
export const nodeKey = (name: string) => `n/${name}`;

/** The in-memory history (no store): SeriesStore behind the async interface. */
export class MemoryHistory implements UsageHistory {
  constructor(readonly store: SeriesStore) {}

  internLabels(labels: Record<string, string> | undefined): number {
    return this.store.internLabels(labels);
  }

  labels(id: number): Record<string, string> {
    return this.store.labels(id);
  }

  async record(t: number, entries: SampleEntry[]): Promise<void> {
    this.store.record(t, entries);
  }

  async query(now: number, rangeMs: number, sel: SeriesSelector): Promise<QueryResult> {
    return this.store.query(now, rangeMs, matcher(sel, (id) => this.store.labels(id)));
  }

  async coverageStart(): Promise<number> {
    return this.store.coverageStart;
  }
}

function matcher(sel: SeriesSelector, labels: (id: number) => Record<string, string>): (key: string, labelSet: number) => boolean {
  if (sel.kind === 'pod') {
    const prefix = podKey(sel.namespace, sel.name, '');
    return (k) => k.startsWith(prefix);
  }
  if (sel.kind === 'node') {
    const key = nodeKey(sel.name);
    return (k) => k === key;
  }
  if (sel.kind === 'nodes') return (k) => k.startsWith('n/');
  const prefix = `p/${sel.namespace}/`;
  const verdicts = new Map<number, boolean>();
  return (k, labelSet) => {
    if (!k.startsWith(prefix)) return false;
    let v = verdicts.get(labelSet);
    if (v === undefined) verdicts.set(labelSet, (v = sel.match(labels(labelSet))));
    return v;
  };
}
