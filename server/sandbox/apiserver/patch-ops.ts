/**
 * PATCH for every patch type, on the main resource and the status/scale subresources. The patch
 * algorithms live in ./patch (another module); until it loads, JSON patch uses fast-json-patch and
 * strategic merge degrades to a JSON merge patch.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import type { KObject, PatchType } from '../types';
import type { ServedKind } from '../kinds';
import { cloneObj } from '../store/json-cache';
import { badRequest, StatusError, toStatusError } from './errors';
import { nowRfc3339 } from './meta';
import type { GenericRegistry, ReqCtx } from './ops';
import { getScale, updateScale } from './scale';

export interface PatchCtx extends ReqCtx {
  force?: boolean;
  subresource?: 'status' | 'scale';
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function applyPatch(api: GenericRegistry, k: ServedKind, obj: KObject, type: PatchType, patch: unknown): KObject {
  const pm = api.helpers.patch;
  const nav = () => api.nav(k);
  try {
    switch (type) {
      case 'json': {
        if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
        if (pm) return pm.applyJsonPatch(obj, patch);
        const copy = cloneObj(obj);
        return jsonpatch.applyPatch(copy, patch as Operation[], true, true).newDocument as KObject;
      }
      case 'merge':
        if (pm) return pm.applyMergePatch(obj, patch);
        return mergePatch(cloneObj(obj), patch) as KObject;
      case 'strategic':
        if (pm) return pm.applyStrategicMergePatch(obj, patch, nav());
        return mergePatch(cloneObj(obj), patch) as KObject;
      default:
        throw badRequest(`unsupported patch type ${type}`);
    }
  } catch (e) {
    if (e instanceof StatusError) throw e;
    const err = e as { status?: number; name?: string; message?: string };
    if (typeof err.status === 'number') throw toStatusError(e);
    // fast-json-patch errors (missing path, failed test) are rejected like upstream's 422
    throw new StatusError(422, 'Invalid', err.message ?? String(e));
  }
}

/** Returns the resulting object and whether it was created (server-side apply on a missing object). */
export function patchResource(
  api: GenericRegistry,
  k: ServedKind,
  ns: string | undefined,
  name: string,
  type: PatchType,
  patch: unknown,
  ctxIn: PatchCtx = {},
): { obj: KObject; created: boolean } {
  // patch results may share structure with the stored object: never let update() mutate them
  const ctx: PatchCtx = { ...ctxIn, ownedBody: false };
  if (ctx.subresource === 'scale') {
    const cur = api.get(k, ns, name);
    const scale = getScale(api, k, cur);
    const next = type === 'apply' ? (mergePatch(cloneObj(scale), patch) as KObject) : applyPatch(api, k, scale, type, patch);
    return { obj: updateScale(api, k, ns, name, next, ctx), created: false };
  }
  if (type === 'apply') return apply(api, k, ns, name, patch, ctx);
  const cur = api.get(k, ns, name);
  const next = applyPatch(api, k, cur, type, patch);
  const sub = ctx.subresource === 'status' ? 'status' : undefined;
  return { obj: api.update(k, ns, name, next, { ...ctx, subresource: sub }), created: false };
}

function apply(api: GenericRegistry, k: ServedKind, ns: string | undefined, name: string, patch: unknown, ctx: PatchCtx): { obj: KObject; created: boolean } {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('error decoding YAML: object expected');
  const applied = patch as KObject;
  if (!ctx.fieldManager) {
    throw new StatusError(400, 'BadRequest', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  }
  if (applied.metadata?.name && applied.metadata.name !== name) {
    throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  }
  const live = api.find(k, ns, name);
  const pm = api.helpers.patch;
  const nav = api.nav(k);
  let result: KObject;
  try {
    result = pm
      ? pm.serverSideApply(live, applied, {
          manager: ctx.fieldManager,
          force: !!ctx.force,
          nav,
          now: nowRfc3339(),
          ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
        })
      : (mergePatch(live ? cloneObj(live) : {}, applied) as KObject);
  } catch (e) {
    const err = e as { causes?: { reason?: string; message?: string; field?: string }[]; status?: number; message?: string };
    if (err.causes && (err.status === 409 || err.status === undefined)) {
      throw new StatusError(409, 'Conflict', err.message ?? 'Apply failed with conflicts', {
        causes: err.causes.map((c) => ({ reason: c.reason ?? 'FieldManagerConflict', message: c.message, field: c.field })),
      });
    }
    throw toStatusError(e);
  }
  result.metadata ??= {};
  result.metadata.name = name;
  const inner: ReqCtx = { ...ctx, skipTracking: !!pm };
  if (!live) {
    const { resourceVersion: _rv, ...meta } = result.metadata;
    return { obj: api.create(k, ns, { ...result, metadata: meta }, inner), created: true };
  }
  const sub = ctx.subresource === 'status' ? 'status' : undefined;
  return { obj: api.update(k, ns, name, result, { ...inner, subresource: sub }), created: false };
}
