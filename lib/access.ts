/**
 * RBAC-aware UI: "may the current user do X?" for buttons and navigation. Each check is one TanStack
 * query (cached 30 s, keyed by cluster and the check tuple) but the network sees one batched
 * POST /api/clusters/:cluster/access per cluster per tick, however many components ask at once.
 *
 * The UI fails OPEN: while a check is pending, or when the access endpoint fails, the control stays enabled (the
 * failure is logged) — the server enforces RBAC on the real request anyway, and a broken access endpoint must not
 * lock everyone out of the console. Disabled controls carry the reason (see components/auth/denied.tsx).
 */
import { useQueries } from '@tanstack/react-query';
import { accessResponse, type AccessCheck } from './auth-types';
import { fetchJson } from './api-client';
import { apiUrls } from './k8s/client/url';

export const ACCESS_TTL_MS = 30_000;
/** the contract's cap on checks per request */
const MAX_CHECKS = 300;
/** how long the batcher waits for more checks (one render commit starts all of a page's queries) */
const BATCH_MS = 10;

export interface AccessDecision {
  allowed: boolean;
  /** why not (only when !allowed) */
  reason?: string;
  /** true until the answer is known; pending checks count as allowed */
  pending: boolean;
}

interface Answer {
  allowed: boolean;
  reason?: string;
}

const FAIL_OPEN: Answer = { allowed: true };

export function checkKey(c: AccessCheck): string {
  return [c.verb, c.group, c.resource, c.subresource ?? '', c.namespace ?? '', c.name ?? ''].join('|');
}

export const accessKeys = {
  all: () => ['access'] as const,
  check: (cluster: string, c: AccessCheck) => ['access', cluster, checkKey(c)] as const,
};

/** "not allowed to patch deployments/scale in default" — when the server gave no reason of its own. */
export function defaultReason(c: AccessCheck): string {
  const what = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  return `not allowed to ${c.verb} ${what}${c.namespace ? ` in ${c.namespace}` : ''}`;
}

// ---- batching: checks asked for within BATCH_MS on one cluster share one request ----

interface Slot {
  check: AccessCheck;
  waiters: ((a: Answer) => void)[];
}
const batches = new Map<string, Map<string, Slot>>();

async function flush(cluster: string, batch: Map<string, Slot>): Promise<void> {
  if (batches.get(cluster) === batch) batches.delete(cluster);
  const slots = [...batch.values()];
  for (let i = 0; i < slots.length; i += MAX_CHECKS) {
    const part = slots.slice(i, i + MAX_CHECKS);
    let results: Answer[] | undefined;
    try {
      const r = await fetchJson(apiUrls.access(cluster), { method: 'POST', body: JSON.stringify({ checks: part.map((s) => s.check) }), schema: accessResponse });
      if (r.results.length !== part.length) throw new Error(`asked ${part.length} checks, got ${r.results.length} answers`);
      results = r.results;
    } catch (err) {
      console.warn(`wheelhouse: access checks on ${cluster} failed; controls stay enabled and the server decides`, err);
    }
    part.forEach((s, j) => {
      const a = results?.[j] ?? FAIL_OPEN;
      for (const w of s.waiters) w(a);
    });
  }
}

/** One check through the per-cluster batcher; never rejects (fails open). */
export function requestAccess(cluster: string, check: AccessCheck): Promise<Answer> {
  return new Promise((resolve) => {
    let batch = batches.get(cluster);
    if (!batch) {
      const fresh = new Map<string, Slot>();
      batches.set(cluster, fresh);
      setTimeout(() => void flush(cluster, fresh), BATCH_MS);
      batch = fresh;
    }
    const k = checkKey(check);
    const slot = batch.get(k) ?? { check, waiters: [] };
    slot.waiters.push(resolve);
    batch.set(k, slot);
  });
}

/** The decisions for `checks` on `cluster`, in order (all allowed+pending while `cluster` is undefined). */
export function useAccess(cluster: string | undefined, checks: readonly AccessCheck[]): AccessDecision[] {
  const results = useQueries({
    queries: checks.map((c) => ({
      queryKey: accessKeys.check(cluster ?? '', c),
      queryFn: () => requestAccess(cluster!, c),
      enabled: Boolean(cluster),
      staleTime: ACCESS_TTL_MS,
      retry: false,
    })),
  });
  return results.map((r, i) => {
    if (!r.data) return { allowed: true, pending: true };
    return r.data.allowed ? { allowed: true, pending: false } : { allowed: false, pending: false, reason: r.data.reason || defaultReason(checks[i]!) };
  });
}

/** One check; see useAccess. */
export function useCan(cluster: string | undefined, check: AccessCheck): AccessDecision {
  return useAccess(cluster, [check])[0]!;
}
