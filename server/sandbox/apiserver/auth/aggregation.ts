/**
 * ClusterRole aggregation (upstream's clusterrole-aggregation controller, pure part): a role with an
 * aggregationRule gets the union of the rules of every other ClusterRole whose labels match one of its
 * selectors, in name order, duplicates dropped. Used by the controller and to seed admin/edit/view.
 */
import type { KObject } from '../../types';
import type { PolicyRule } from './rbac';
import { matchesLabelSelector, type LabelSelector } from '../../../../lib/k8s/machinery/labels';


export function aggregatedRules(role: KObject, all: Iterable<KObject>): PolicyRule[] | undefined {
  const selectors = (role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined)?.clusterRoleSelectors;
  if (!selectors) return undefined;
  // an empty selector selects everything (labels.Everything()), a malformed one nothing
  const preds = selectors.map((s) => (o: KObject) => {
    try {
      return matchesLabelSelector(s ?? {}, o.metadata.labels);
    } catch {
      return false;
    }
  });
  const sources = [...all]
    .filter((o) => o.metadata.name !== role.metadata.name && preds.some((p) => p(o)))
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  const seen = new Set<string>();
  const out: PolicyRule[] = [];
  for (const src of sources) {
    for (const r of (src.rules as PolicyRule[] | undefined) ?? []) {
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

/** Fills every aggregated role of `roles` to a fixed point (edit aggregates into admin after view into edit). */
export function aggregateAll(roles: KObject[]): KObject[] {
  const byName = new Map(roles.map((r) => [r.metadata.name!, r]));
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const [name, r] of byName) {
      const rules = aggregatedRules(r, byName.values());
      if (rules && JSON.stringify(rules) !== JSON.stringify(r.rules)) {
        byName.set(name, { ...r, rules });
        changed = true;
      }
    }
    if (!changed) break;
  }
  return [...byName.values()];
}
