/** ResourceRefs the simulated control plane reads and writes. */
import type { ResourceRef } from '../../types';

const r = (group: string, version: string, resource: string): ResourceRef => ({ group, version, resource });

export const R = {
  namespaces: r('', 'v1', 'namespaces'),
  nodes: r('', 'v1', 'nodes'),
  pods: r('', 'v1', 'pods'),
  services: r('', 'v1', 'services'),
  endpoints: r('', 'v1', 'endpoints'),
  endpointslices: r('discovery.k8s.io', 'v1', 'endpointslices'),
  configmaps: r('', 'v1', 'configmaps'),
  secrets: r('', 'v1', 'secrets'),
  serviceaccounts: r('', 'v1', 'serviceaccounts'),
  events: r('', 'v1', 'events'),
  pvs: r('', 'v1', 'persistentvolumes'),
  pvcs: r('', 'v1', 'persistentvolumeclaims'),
  resourcequotas: r('', 'v1', 'resourcequotas'),
  leases: r('coordination.k8s.io', 'v1', 'leases'),
  replicationcontrollers: r('', 'v1', 'replicationcontrollers'),
  deployments: r('apps', 'v1', 'deployments'),
  replicasets: r('apps', 'v1', 'replicasets'),
  statefulsets: r('apps', 'v1', 'statefulsets'),
  daemonsets: r('apps', 'v1', 'daemonsets'),
  controllerrevisions: r('apps', 'v1', 'controllerrevisions'),
  jobs: r('batch', 'v1', 'jobs'),
  cronjobs: r('batch', 'v1', 'cronjobs'),
  ingresses: r('networking.k8s.io', 'v1', 'ingresses'),
  ingressclasses: r('networking.k8s.io', 'v1', 'ingressclasses'),
  hpas: r('autoscaling', 'v2', 'horizontalpodautoscalers'),
  storageclasses: r('storage.k8s.io', 'v1', 'storageclasses'),
  crds: r('apiextensions.k8s.io', 'v1', 'customresourcedefinitions'),
  pdbs: r('policy', 'v1', 'poddisruptionbudgets'),
} as const;

/** ResourceRef for a scalable/owner kind, used by HPA targets and ownerReference lookups. */
export function refForKind(apiVersion: string, kind: string): ResourceRef | undefined {
  const byKind: Record<string, ResourceRef> = {
    Deployment: R.deployments,
    ReplicaSet: R.replicasets,
    StatefulSet: R.statefulsets,
    DaemonSet: R.daemonsets,
    Job: R.jobs,
    CronJob: R.cronjobs,
    Pod: R.pods,
    Node: R.nodes,
    Service: R.services,
  };
  const ref = byKind[kind];
  if (!ref) return undefined;
  const gv = ref.group ? `${ref.group}/${ref.version}` : ref.version;
  return gv === apiVersion || apiVersion.split('/')[0] === ref.group ? ref : undefined;
}
