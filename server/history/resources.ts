/**
 * Which resources the recorder watches: the built-in kinds that matter for "what changed?" (workloads, pods,
 * services, ingresses, config, RBAC, namespaces, nodes, CRDs, HPAs, PVCs) and every custom resource the
 * cluster serves (any group that is not one of Kubernetes' own), each at its preferred version and only when
 * it can be listed and watched. Events, Leases, Endpoints/EndpointSlices and the like are derived churn.
 */
import type { DiscoveryResource } from '../../lib/api-types';

export interface RecordedResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const BUILT_IN: Record<string, string[]> = {
  '': ['pods', 'services', 'configmaps', 'secrets', 'namespaces', 'nodes', 'persistentvolumeclaims'],
  apps: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
  batch: ['jobs', 'cronjobs'],
  'networking.k8s.io': ['ingresses'],
  'rbac.authorization.k8s.io': ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  autoscaling: ['horizontalpodautoscalers'],
};

/** groups served by Kubernetes itself: nothing in them is a custom resource */
function isKubernetesGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io') || group === 'k8s.io';
}

export function recordedResources(discovered: readonly DiscoveryResource[]): RecordedResource[] {
  const out: RecordedResource[] = [];
  for (const r of discovered) {
    const watchable = r.verbs.includes('list') && r.verbs.includes('watch');
    if (!watchable) continue;
    const wanted = BUILT_IN[r.group]?.includes(r.resource) || !isKubernetesGroup(r.group);
    if (wanted) out.push({ group: r.group, version: r.version, resource: r.resource, kind: r.kind, namespaced: r.namespaced });
  }
  return out;
}

export const resourceKey = (r: { group: string; resource: string }): string => `${r.group}/${r.resource}`;
