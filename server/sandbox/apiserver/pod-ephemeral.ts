/* eslint-disable @typescript-eslint/no-explicit-any -- pods are untyped JSON (KObject) */
/**
 * pods/ephemeralcontainers: GET answers the Pod; PUT and PATCH change only spec.ephemeralContainers, which may
 * grow but never lose or change an entry (upstream ValidatePodEphemeralContainersUpdate), with the container
 * defaults the API server fills in.
 */
import type { KObject } from '../types';
import { cloneObj } from '../store/json-cache';
import { conflict, invalid, MODIFIED_CONFLICT } from './errors';
import type { StatusCause } from './errors';
import type { GenericRegistry } from './ops';
import { applyPatch } from './patch-ops';
import type { PatchType } from '../types';

function defaults(c: any): any {
  const out = { ...c };
  const tag = String(c.image ?? '').split('/').pop()!;
  out.imagePullPolicy ??= !tag.includes(':') || tag.endsWith(':latest') ? 'Always' : 'IfNotPresent';
  out.terminationMessagePath ??= '/dev/termination-log';
  out.terminationMessagePolicy ??= 'File';
  out.resources ??= {};
  return out;
}

function stable(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export function updateEphemeral(api: GenericRegistry, ns: string, name: string, body: KObject): KObject {
  const k = api.kinds.lookup('', 'v1', 'pods')!;
  const old = api.get(k, ns, name) as any;
  const rv = body.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict('', 'pods', name, MODIFIED_CONFLICT);
  const before = (old.spec?.ephemeralContainers ?? []) as any[];
  const after = (((body as any).spec?.ephemeralContainers ?? []) as any[]).map(defaults);
  const causes: StatusCause[] = [];
  const byName = new Map(after.map((c) => [c.name, c]));
  for (const [i, c] of before.entries()) {
    const n = byName.get(c.name);
    if (!n) causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: existing ephemeral containers "${c.name}" may not be removed`, field: 'spec.ephemeralContainers' });
    else if (stable(n) !== stable(c)) causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: existing ephemeral containers "${c.name}" may not be changed`, field: `spec.ephemeralContainers[${i}]` });
  }
  const taken = new Set([...(old.spec?.containers ?? []), ...(old.spec?.initContainers ?? [])].map((c: any) => c.name));
  after.forEach((c, i) => {
    if (!c.name) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `spec.ephemeralContainers[${i}].name` });
    else if (taken.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${c.name}"`, field: `spec.ephemeralContainers[${i}].name` });
    if (!c.image) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `spec.ephemeralContainers[${i}].image` });
    if (c.targetContainerName && !(old.spec?.containers ?? []).some((x: any) => x.name === c.targetContainerName)) {
      causes.push({ reason: 'FieldValueNotFound', message: `Not found: "${c.targetContainerName}"`, field: `spec.ephemeralContainers[${i}].targetContainerName` });
    }
    taken.add(c.name);
  });
  if (causes.length) throw invalid('Pod', '', name, causes);
  const next = cloneObj(old);
  next.spec.ephemeralContainers = after;
  if (!after.length) delete next.spec.ephemeralContainers;
  delete next.metadata.resourceVersion;
  return api.write(k, next as KObject);
}

export function patchEphemeral(api: GenericRegistry, ns: string, name: string, type: PatchType, patch: unknown): KObject {
  const k = api.kinds.lookup('', 'v1', 'pods')!;
  const cur = api.get(k, ns, name);
  const next = applyPatch(api, k, cur, type === 'apply' ? 'merge' : type, patch);
  delete next.metadata.resourceVersion;
  return updateEphemeral(api, ns, name, next);
}
