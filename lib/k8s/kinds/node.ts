/** Node derived values, matching kubectl's printNode (STATUS, ROLES). */
import type { Node } from 'kubernetes-types/core/v1';
import type { K8sObject } from '../types';
import { parseQuantity } from '../machinery/quantity';

export function nodeStatus(obj: K8sObject): string {
  const node = obj as unknown as Node;
  const conds = node.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const parts: string[] = [];
  if (!ready) parts.push('Unknown');
  else parts.push(ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown');
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export function nodeReady(obj: K8sObject): boolean {
  return nodeStatus(obj).startsWith('Ready');
}

/** Roles from node-role.kubernetes.io/<role> and kubernetes.io/role labels; "<none>" like kubectl. */
export function nodeRoles(obj: K8sObject): string {
  const labels = obj.metadata.labels ?? {};
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

export function nodeInternalIP(obj: K8sObject): string {
  const addrs = (obj as unknown as Node).status?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? '<none>';
}

export interface NodeUsage {
  cpu: number | null;
  memory: number | null;
}

/** Usage as a fraction of allocatable (what kubectl top's CPU% uses). null when metrics or allocatable are absent. */
export function usageFraction(obj: K8sObject, usage: NodeUsage | undefined, res: 'cpu' | 'memory'): number | null {
  const used = usage?.[res];
  if (used === null || used === undefined) return null;
  const alloc = parseQuantity(obj.status?.allocatable?.[res] ?? obj.status?.capacity?.[res]);
  if (!alloc) return null;
  return used / alloc;
}
