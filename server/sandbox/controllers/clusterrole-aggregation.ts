/**
 * The clusterrole-aggregation controller of kube-controller-manager: keeps .rules of every ClusterRole with
 * an aggregationRule equal to the union of the rules of the ClusterRoles its selectors match. Any ClusterRole
 * change re-queues every aggregated role, so chains (view → edit → admin) settle in a few passes.
 */
import type { KObject } from '../types';
import { aggregatedRules } from '../apiserver/auth/aggregation';
import { changed, makeController, watchAll, type Ctx } from './lib/context';

const CLUSTER_ROLES = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' };

export function startClusterRoleAggregationController(ctx: Ctx) {
  const { client } = ctx;

  function reconcile(name: string) {
    const role = client.get(CLUSTER_ROLES, undefined, name);
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, client.list(CLUSTER_ROLES).items);
    if (!rules || !changed(rules, role.rules ?? [])) return;
    // a conflict re-queues through the work queue's retry
    client.update(CLUSTER_ROLES, { ...role, rules } as KObject);
  }

  return makeController(ctx, 'clusterrole-aggregation', reconcile, (enqueue) => [
    watchAll(ctx, CLUSTER_ROLES, () => {
      for (const r of client.list(CLUSTER_ROLES).items) if (r.aggregationRule) enqueue(r.metadata.name!);
    }),
  ]);
}
