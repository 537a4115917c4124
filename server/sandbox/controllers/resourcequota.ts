/**
 * The resource-quota controller: keeps every ResourceQuota's status.hard (a copy of spec.hard) and
 * status.used (recomputed from the namespace's objects by apiserver/quota.ts) current, so
 * `kubectl describe quota` and `kubectl get quota` show real usage. The matching admission check (refusing
 * creates that would exceed a quota) lives in the API server. Key = namespace.
 */
import type { KObject } from '../types';
import { quotaStatus, type NamespaceLister } from '../apiserver/quota';
import { deepEqual } from '../../../lib/k8s/machinery/equal';
import { makeController, watchAll, type Ctx } from './lib/context';
import { R } from './lib/refs';

/** What quota usage can count (count/<resource>.<group> of other kinds is counted only for these). */
const COUNTED = [R.pods, R.services, R.configmaps, R.secrets, R.pvcs, R.replicationcontrollers, R.deployments, R.replicasets, R.statefulsets, R.daemonsets, R.jobs, R.cronjobs, R.ingresses];

export function startResourceQuotaController(ctx: Ctx) {
  const { client } = ctx;
  /** namespaces holding at least one quota: changes elsewhere are ignored */
  const quotaCount = new Map<string, number>();

  function reconcile(ns: string) {
    const lister: NamespaceLister = (group, resource) => {
      const ref = COUNTED.find((r) => r.group === group && r.resource === resource);
      return ref ? client.list(ref, { namespace: ns }).items : [];
    };
    for (const q of client.list(R.resourcequotas, { namespace: ns }).items) {
      if (q.metadata.deletionTimestamp) continue;
      const status = quotaStatus(q, lister);
      if (deepEqual((q as KObject & { status?: unknown }).status, status)) continue;
      client.updateStatus(R.resourcequotas, { ...q, status } as KObject);
    }
  }

  return makeController(ctx, 'resourcequota', reconcile, (enqueue) => [
    watchAll(ctx, R.resourcequotas, (e) => {
      const ns = e.object.metadata.namespace!;
      const n = (quotaCount.get(ns) ?? 0) + (e.type === 'ADDED' ? 1 : e.type === 'DELETED' ? -1 : 0);
      if (n > 0) quotaCount.set(ns, n);
      else quotaCount.delete(ns);
      if (e.type !== 'DELETED') enqueue(ns);
    }),
    ...COUNTED.map((ref) =>
      watchAll(ctx, ref, (e) => {
        const ns = e.object.metadata.namespace;
        if (ns && quotaCount.has(ns)) enqueue(ns);
      }),
    ),
  ]);
}
