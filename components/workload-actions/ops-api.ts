/**
 * Browser side of the workload-operation routes (server/api/workloads.ts): URL builders from the kind and
 * object, and one `runOp` that shows the outcome as a toast with the server's message verbatim on failure.
 * Shared by the scale slider, the history tab and the action buttons.
 */
import { toast } from 'sonner';
import { clusterApi, errorMessage, fetchJson, urlGroup } from '@/lib/api-client';

export interface OpTarget {
  cluster: string;
  group: string;
  version: string;
  /** plural resource name */
  resource: string;
  namespace?: string;
  name: string;
}

export function workloadUrl(t: OpTarget, op?: string, query: Record<string, string | undefined> = {}): string {
  const parts = ['workloads', urlGroup(t.group), t.version, t.resource, t.name, ...(op ? [op] : [])];
  const qs = new URLSearchParams();
  if (t.namespace) qs.set('namespace', t.namespace);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, v);
  const s = qs.toString();
  return clusterApi(t.cluster, ...parts) + (s ? `?${s}` : '');
}

export function nodeUrl(cluster: string, node: string, op: 'cordon' | 'uncordon' | 'drain'): string {
  return clusterApi(cluster, 'nodes', node, op);
}

/** POST/DELETE an operation; success and failure both end in a toast. Returns the body, or throws after the toast. */
export async function runOp<T = unknown>(
  url: string,
  opts: { method?: 'POST' | 'DELETE'; body?: unknown; success: string | ((r: T) => string); failure: string },
): Promise<T> {
  try {
    const method = opts.method ?? 'POST';
    const r = await fetchJson<T>(url, method === 'POST' ? { method, body: JSON.stringify(opts.body ?? {}) } : { method });
    toast.success(typeof opts.success === 'function' ? opts.success(r) : opts.success);
    return r;
  } catch (e) {
    toast.error(opts.failure, { description: errorMessage(e) });
    throw e;
  }
}
