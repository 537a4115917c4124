/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Pod helpers shared by controllers: ownership, readiness, availability, creation from a template. */
import type { KObject, OwnerReference, SandboxClient } from '../../types';
import { labelSelectorToString, type LabelSelector } from '../../../../lib/k8s/machinery/labels';
import { R } from './refs';

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}

export function ownerRefTo(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isPodReady(p: KObject): boolean {
  return !!((p as any).status?.conditions ?? []).find((c: any) => c.type === 'Ready' && c.status === 'True');
}

export function readySince(p: KObject): number | undefined {
  const c = ((p as any).status?.conditions ?? []).find((c: any) => c.type === 'Ready' && c.status === 'True');
  return c ? Date.parse(c.lastTransitionTime) || Date.now() : undefined;
}

/** Ready for at least minReadySeconds (wall clock; minReadySeconds is scaled by the caller's clock when wanted). */
export function isPodAvailable(p: KObject, minReadyMs: number, now = Date.now()): boolean {
  const since = readySince(p);
  if (since === undefined) return false;
  return minReadyMs <= 0 || now - since >= minReadyMs;
}

export function isTerminal(p: KObject): boolean {
  const ph = (p as any).status?.phase;
  return ph === 'Succeeded' || ph === 'Failed';
}

/** Counted by ReplicaSet/Job/StatefulSet: not terminating, not terminal. */
export function isActive(p: KObject): boolean {
  return !p.metadata.deletionTimestamp && !isTerminal(p);
}

/** Objects of ref in ns matching selector and controlled by owner uid. */
export function listOwned(client: SandboxClient, ref = R.pods, ns: string | undefined, selector: LabelSelector | undefined, uid: string): KObject[] {
  const labelSelector = labelSelectorToString(selector);
  const { items } = client.list(ref, { namespace: ns, ...(labelSelector ? { labelSelector } : {}) });
  return items.filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid));
}

/** A pod object from a PodTemplateSpec. */
export function podFromTemplate(template: any, owner: KObject, extra: { name?: string; generateName?: string; labels?: Record<string, string>; nodeName?: string; hostname?: string; subdomain?: string } = {}): KObject {
  const tmd = template?.metadata ?? {};
  const spec = structuredClone(template?.spec ?? {});
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  if (extra.hostname) spec.hostname = extra.hostname;
  if (extra.subdomain) spec.subdomain = extra.subdomain;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(extra.name ? { name: extra.name } : { generateName: extra.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(tmd.labels ?? {}), ...(extra.labels ?? {}) },
      ...(tmd.annotations ? { annotations: { ...tmd.annotations } } : {}),
      ownerReferences: [ownerRefTo(owner)],
    },
    spec,
  };
}

/** Order for scale-down, like upstream's ActivePods sort: unscheduled, pending, not ready, newer first. */
export function deletionRank(a: KObject, b: KObject): number {
  const score = (p: KObject) => {
    const s = (p as any).spec?.nodeName ? 1 : 0;
    const ph = (p as any).status?.phase === 'Running' ? 1 : 0;
    const r = isPodReady(p) ? 1 : 0;
    return s * 4 + ph * 2 + r;
  };
  const d = score(a) - score(b);
  if (d !== 0) return d;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return tb - ta;
  return (b.metadata.name ?? '') < (a.metadata.name ?? '') ? -1 : 1;
}
