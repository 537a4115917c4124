/**
 * The scale subresource: an autoscaling/v1 Scale view of deployments, replicasets, statefulsets and
 * CRDs declaring subresources.scale (with their JSON paths).
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import { cloneObj } from '../store/json-cache';
import { conflict, invalid, MODIFIED_CONFLICT, notFound } from './errors';
import type { GenericRegistry, ReqCtx } from './ops';
import { labelSelectorToString, type LabelSelector } from '../../../lib/k8s/machinery/labels';

interface ScalePaths {
  spec: string[];
  status: string[];
  selector?: string[];
}

function parsePath(p: string): string[] {
  return p.replace(/^\./, '').split('.').filter(Boolean);
}

function paths(api: GenericRegistry, k: ServedKind): ScalePaths | undefined {
  const crd = api.kinds.crdInfo(k.group, k.resource);
  if (crd) {
    const s = crd.versions.find((v) => v.name === k.version)?.scale;
    if (!s) return undefined;
    return {
      spec: parsePath(s.specReplicasPath),
      status: parsePath(s.statusReplicasPath),
      selector: s.labelSelectorPath ? parsePath(s.labelSelectorPath) : undefined,
    };
  }
  if (!k.subresources?.includes('scale')) return undefined;
  return { spec: ['spec', 'replicas'], status: ['status', 'replicas'], selector: ['spec', 'selector'] };
}

function at(o: unknown, p: string[]): unknown {
  let cur = o;
  for (const k of p) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function setAt(o: Record<string, unknown>, p: string[], v: unknown): void {
  let cur = o;
  for (const k of p.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[p[p.length - 1]] = v;
}

/** metav1.LabelSelector to its string form, as Scale.status.selector carries it. */
export function selectorString(sel: unknown): string {
  if (typeof sel === 'string') return sel;
  // a ReplicationController's selector is a plain label map, which the machinery takes as matchLabels
  return labelSelectorToString(sel as LabelSelector | undefined);
}

export function supportsScale(api: GenericRegistry, k: ServedKind): boolean {
  return paths(api, k) !== undefined;
}

export function getScale(api: GenericRegistry, k: ServedKind, o: KObject): KObject {
  const p = paths(api, k);
  if (!p) throw notFound(k.group, `${k.resource}/scale`, o.metadata.name ?? '');
  const sel = p.selector ? at(o, p.selector) : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: Number(at(o, p.spec) ?? 0) },
    status: { replicas: Number(at(o, p.status) ?? 0), ...(sel ? { selector: selectorString(sel) } : {}) },
  };
}

export function updateScale(api: GenericRegistry, k: ServedKind, ns: string | undefined, name: string, scale: KObject, ctx: ReqCtx): KObject {
  const cur = api.get(k, ns, name);
  const p = paths(api, k);
  if (!p) throw notFound(k.group, `${k.resource}/scale`, name);
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== cur.metadata.resourceVersion) throw conflict(k.group, k.resource, name, MODIFIED_CONFLICT);
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [
      { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`, field: 'spec.replicas' },
    ]);
  }
  const next = cloneObj(cur) as KObject & Record<string, unknown>;
  setAt(next, p.spec, replicas);
  const stored = api.update(k, ns, name, next, { ...ctx, ownedBody: true });
  return getScale(api, k, stored);
}
