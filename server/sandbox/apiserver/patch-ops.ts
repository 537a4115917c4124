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

export function applyPatch(api: GenericRegistry, k: ServedKind, obj: KObject, type: PatchType, patch: unknown): KObject {
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
  try {
    return { obj: api.update(k, ns, name, next, { ...ctx, subresource: sub }), created: false };
  } catch (e) {
    throw patchedDecodeError(e, type, patch, next);
  }
}

/** Go's %+v of a decoded JSON value, as upstream prints a patch map in its error. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((key) => `${key}:${goValue(o[key])}`).join(' ')}]`;
  }
  return String(v);
}

const DECODE_ERROR = /cannot be handled as a \w+: (json: cannot unmarshal (\w+) into Go struct field \S+ of type (.+))$/;

/**
 * A patched object the decoder cannot read is a 422 about the patch upstream: the JSON decoder's error
 * for JSON and merge patches, the unstructured converter's ("cannot restore map from string") for
 * strategic merge patches, which are converted from the merged map directly.
 */
function patchedDecodeError(e: unknown, type: PatchType, patch: unknown, patched: KObject): unknown {
  const m = e instanceof StatusError && e.code === 400 ? DECODE_ERROR.exec(e.message) : null;
  if (!m) return e;
  const [, goError, from, to] = m;
  let value = JSON.stringify(patched);
  let message = goError;
  if (type === 'strategic') {
    value = goValue(patch);
    const kind = from === 'number' ? 'float64' : from === 'array' ? 'slice' : from === 'object' ? 'map' : from;
    if (to.startsWith('map[')) message = `cannot restore map from ${kind}`;
    else if (to.startsWith('[]')) message = `cannot restore slice from ${kind}`;
    else if (/^v\d\w*\.|^\w+\.[A-Z]/.test(to) && !to.startsWith('resource.') && !to.startsWith('intstr.')) message = `cannot restore struct from: ${kind}`;
    else message = `cannot convert ${kind} to ${to}`;
  }
  return new StatusError(422, 'Invalid', ` "" is invalid: patch: Invalid value: ${JSON.stringify(value)}: ${message}`, {
    causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${message}`, field: 'patch' }],
  });
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
  syncLastApplied(live, applied, result, ctx.fieldManager);
  const inner: ReqCtx = { ...ctx, skipTracking: !!pm };
  if (!live) {
    const { resourceVersion: _rv, ...meta } = result.metadata;
    return { obj: api.create(k, ns, { ...result, metadata: meta }, inner), created: true };
  }
  const sub = ctx.subresource === 'status' ? 'status' : undefined;
  return { obj: api.update(k, ns, name, result, { ...inner, subresource: sub }), created: false };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of a decoded value: map keys sorted, <, > and & escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((key) => [key, sorted(o[key])]));
    }
    return x;
  };
  return JSON.stringify(sorted(v)).replace(/[<>&]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`);
}

/**
 * upstream lastAppliedUpdater: a server-side apply by the manager "kubectl" on an object that carries
 * kubectl's client-side last-applied annotation rewrites it to what was just applied, so a later
 * client-side apply diffs against the right base.
 */
function syncLastApplied(live: KObject | undefined, applied: KObject, result: KObject, manager: string | undefined): void {
  if (manager !== 'kubectl' || !live?.metadata.annotations?.[LAST_APPLIED]) return;
  const copy = cloneObj(applied);
  const ann = copy.metadata?.annotations;
  if (ann) delete ann[LAST_APPLIED];
  result.metadata.annotations = { ...result.metadata.annotations, [LAST_APPLIED]: `${goJson(copy)}\n` };
}
