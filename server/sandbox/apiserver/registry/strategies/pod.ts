/**
 * Pods: SetDefaults_Pod, the admission plugins' additions and a Pending status on create, and graceful
 * deletion (a pod on a node terminates over its grace period; its kubelet or the store's timer removes it).
 */
import type { KObject } from '../../../types';
import { admitPod, defaultPodSpec, obj, type Obj } from '../../defaults';
import { qosClass } from '../../meta';
import type { KindStrategy } from '../strategy';

function defaults(o: KObject): void {
  const spec = obj(o as unknown as Obj, 'spec');
  defaultPodSpec(spec);
  // upstream SetDefaults_Pod: a limit without a request defaults the request to the limit
  for (const c of [...((spec.containers as Obj[] | undefined) ?? []), ...((spec.initContainers as Obj[] | undefined) ?? [])]) {
    const res = c.resources as { limits?: Obj; requests?: Obj } | undefined;
    if (res?.limits && Object.keys(res.limits).length) res.requests = { ...res.limits, ...res.requests };
  }
}

/** Pods on a node terminate gracefully; everything else is removed at once (grace 0). */
function deleteGrace(o: KObject, requested: number | undefined): number {
  if (o.apiVersion !== 'v1') return 0;
  const spec = o.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  if (!spec?.nodeName) return 0;
  const status = o.status as { phase?: string } | undefined;
  if (status?.phase === 'Succeeded' || status?.phase === 'Failed') return 0;
  const g = requested ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}

export const podStrategy: KindStrategy = {
  returnDeletedObject: true,
  defaults,
  prepareForCreate(o) {
    admitPod(o);
    o.status = { phase: 'Pending', qosClass: qosClass(o) };
  },
  deleteGrace,
};
