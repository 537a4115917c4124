/**
 * Resource endpoints: get/list/watch/create/update/patch/delete/deletecollection and the status,
 * scale, log, eviction, binding and finalize subresources, answering JSON or meta.k8s.io Tables.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeleteOptions, KObject, PatchType } from '../types';
import { apiVersionOf } from '../kinds';
import { jsonOf } from '../store/json-cache';
import { badRequest, invalid, methodNotAllowed, notFound, notFoundPath, StatusError } from './errors';
import { boolParam, decodeObject, mediaType, parseJson, parseYaml, readBody, sendJson, sendJsonText, successStatus, unsupported } from './http-util';
import { listObjects } from './list';
import type { ReqCtx } from './ops';
import { patchResource } from './patch-ops';
import { getScale, supportsScale, updateScale } from './scale';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable, type TableOptions } from './table';
import { metadataAccepted, partialListText, partialObjectText } from './meta-view';
import { handleWatch } from './watch-http';
import { patchEphemeral, updateEphemeral } from './pod-ephemeral';
import { handleLog } from './logs';
import { handleMetrics } from './metrics';
import { handleBinding, handleEviction } from './pod-subresources';
import { handleReview, REVIEW_GROUPS } from './reviews';
import { escalationCheck } from './auth/escalation';
import { checkBodyType } from './body-type';
import { approvalUpdate, handleComponentStatus } from './extra-kinds';
import { requestUser } from './auth/index';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

function checkDryRun(dry: unknown[]): boolean {
  for (const d of dry) if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${String(d)}": supported values: "All"`);
  return dry.length > 0;
}

function reqCtx(url: URL, req: IncomingMessage): ReqCtx {
  const q = url.searchParams;
  const dry = q.getAll('dryRun');
  checkDryRun(dry);
  const fv = q.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(fv)) {
    throw badRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const fm = q.get('fieldManager') ?? undefined;
  if (fm !== undefined && fm.length > 128) throw badRequest('fieldManager: Too long: may not be longer than 128');
  return {
    dryRun: dry.length > 0,
    fieldManager: fm,
    fieldValidation: fv as ReqCtx['fieldValidation'],
    userAgent: req.headers['user-agent'],
    warnings: [],
    ownedBody: true,
  };
}

/** reqCtx for create/update/patch of the main resource: adds the RBAC escalation check where it applies. */
function writeCtx(deps: ServerDeps, rp: ResourcePath, url: URL, req: IncomingMessage): ReqCtx {
  const ctx = reqCtx(url, req);
  ctx.user = requestUser(req);
  const admit = escalationCheck(deps.auth?.rbac, req, rp);
  if (admit) ctx.admit = admit;
  return ctx;
}

function tableOpts(url: URL): TableOptions {
  const inc = url.searchParams.get('includeObject');
  return { includeObject: inc === 'None' || inc === 'Object' ? inc : 'Metadata' };
}

function sendObject(deps: ServerDeps, rp: ResourcePath, req: IncomingMessage, res: ServerResponse, code: number, obj: KObject, url: URL, warnings?: string[]): void {
  if (tableAccepted(req.headers.accept) && obj.kind === rp.kind.kind && !rp.sub) {
    return sendJson(res, code, toTable(deps.api, rp.kind, [obj], { resourceVersion: obj.metadata.resourceVersion }, tableOpts(url)), warnings);
  }
  if (metadataAccepted(req.headers.accept, false) && obj.kind === rp.kind.kind && !rp.sub) return sendJsonText(res, code, partialObjectText(obj), 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', warnings);
  sendJsonText(res, code, jsonOf(obj), 'application/json', warnings);
}

export async function handleResource(
  deps: ServerDeps,
  rp: ResourcePath,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  const q = url.searchParams;
  if (k.group === 'metrics.k8s.io') return handleMetrics(deps, rp, method, url, req, res);
  if (REVIEW_GROUPS.has(k.group)) return handleReview(deps, k, method, req, res, rp.namespace);
  if (!k.group && k.resource === 'componentstatuses') return handleComponentStatus(deps, rp, method, req, res);
  if (!k.group && k.resource === 'bindings') {
    if (method !== 'POST' || rp.name) throw methodNotAllowed();
    return handleBinding(deps, rp.namespace!, undefined, url, req, res);
  }
  if (k.namespaced && rp.namespace === undefined && rp.name !== undefined) throw notFoundPath();
  const ns = rp.namespace;
  const verb = (v: string) => {
    if (!k.verbs.includes(v)) throw methodNotAllowed();
  };
  if (rp.sub) {
    if (!rp.name || !(k.subresources ?? []).includes(rp.sub)) throw notFoundPath();
    return handleSub(deps, rp, method, url, req, res);
  }
  const watching = rp.watchPath || boolParam(q.get('watch')) === true;
  if (method === 'GET' && watching) {
    verb('watch');
    return handleWatch(deps, rp, url, req, res);
  }
  if (!rp.name) {
    if (method === 'GET') {
      verb('list');
      const r = listObjects(api, k, {
        namespace: ns,
        labelSelector: q.get('labelSelector') ?? undefined,
        fieldSelector: q.get('fieldSelector') ?? undefined,
        limit: q.has('limit') ? Number(q.get('limit')) : undefined,
        continue: q.get('continue') || undefined,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      });
      const meta = { resourceVersion: r.resourceVersion, ...(r.continue ? { continue: r.continue } : {}), ...(r.remainingItemCount !== undefined ? { remainingItemCount: r.remainingItemCount } : {}) };
      if (tableAccepted(req.headers.accept)) return sendJson(res, 200, toTable(api, k, r.items, meta, tableOpts(url)));
      if (metadataAccepted(req.headers.accept, true)) return sendJsonText(res, 200, partialListText(r.items, meta), 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
      const head = JSON.stringify({ kind: k.listKind, apiVersion: apiVersionOf(k), metadata: meta });
      return sendJsonText(res, 200, `${head.slice(0, -1)},"items":[${r.items.map(jsonOf).join(',')}]}`);
    }
    if (method === 'POST') {
      verb('create');
      const ctx = writeCtx(deps, rp, url, req);
      const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers, k.kind);
      if (!body || typeof body !== 'object') throw badRequest('Object \'Kind\' is missing in \'null\'');
      checkBodyType(k, body, api.isCustom(k));
      const created = api.create(k, ns, body, ctx);
      return sendObject(deps, rp, req, res, 201, created, url, ctx.warnings);
    }
    if (method === 'DELETE') {
      verb('deletecollection');
      const opts = await deleteOptions(url, req);
      const r = listObjects(api, k, { namespace: ns, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined });
      const deleted: KObject[] = [];
      for (const o of r.items) {
        try {
          deleted.push(api.delete(k, o.metadata.namespace, o.metadata.name!, opts).obj);
        } catch (e) {
          if (!(e instanceof StatusError && e.code === 404)) throw e;
        }
      }
      return sendJson(res, 200, { kind: k.listKind, apiVersion: apiVersionOf(k), metadata: { resourceVersion: String(api.store.revision) }, items: deleted });
    }
    throw methodNotAllowed();
  }
  const name = rp.name;
  switch (method) {
    case 'GET': {
      verb('get');
      return sendObject(deps, rp, req, res, 200, api.get(k, ns, name), url);
    }
    case 'PUT': {
      verb('update');
      const ctx = writeCtx(deps, rp, url, req);
      const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers, k.kind);
      if (!body || typeof body !== 'object') throw badRequest('Object \'Kind\' is missing in \'null\'');
      checkBodyType(k, body, api.isCustom(k));
      const updated = api.update(k, ns, name, body, ctx);
      return sendObject(deps, rp, req, res, 200, updated, url, ctx.warnings);
    }
    case 'PATCH': {
      verb('patch');
      const { type, patch } = await readPatch(req, api.isCustom(k));
      const ctx = writeCtx(deps, rp, url, req);
      const force = boolParam(q.get('force'));
      if (force !== undefined && type !== 'apply') throw badRequest('force: Forbidden: may not be specified for non-apply patch');
      const r = patchResource(api, k, ns, name, type, patch, { ...ctx, force });
      return sendObject(deps, rp, req, res, r.created ? 201 : 200, r.obj, url, ctx.warnings);
    }
    case 'DELETE': {
      verb('delete');
      const opts = await deleteOptions(url, req);
      const r = api.delete(k, ns, name, opts);
      // upstream answers 202 only for an object still present after a request with orphanDependents=false;
      // strategies with returnDeletedObject answer with the object, the others with a Success Status once it is gone
      const code = !r.removed && opts.orphanDependents === false ? 202 : 200;
      if (!r.removed || api.strategy(k).returnDeletedObject) return sendJsonText(res, code, jsonOf(r.obj));
      return sendJson(res, code, successStatus({ name, ...(k.group ? { group: k.group } : {}), kind: k.resource, uid: r.obj.metadata.uid }));
    }
  }
  throw methodNotAllowed();
}

async function readPatch(req: IncomingMessage, custom: boolean): Promise<{ type: PatchType; patch: unknown }> {
  const mt = mediaType(req.headers['content-type']);
  const type = PATCH_TYPES[mt];
  const allowed = Object.keys(PATCH_TYPES).filter((t) => !(custom && t.includes('strategic')));
  if (!type || (custom && type === 'strategic')) throw unsupported(allowed);
  const buf = await readBody(req);
  return { type, patch: type === 'apply' ? parseYaml(buf) : parseJson(buf) };
}

/** DeleteOptions from the query and the body (kubectl sends dryRun and propagationPolicy in the body). */
async function deleteOptions(url: URL, req: IncomingMessage): Promise<DeleteOptions & { dryRun: boolean; orphanDependents?: boolean }> {
  const q = url.searchParams;
  const buf = await readBody(req);
  const parsed = buf.length ? parseJson(buf) : {};
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed} into Go value of type v1.DeleteOptions`);
  }
  const body = (parsed ?? {}) as Record<string, unknown>;
  const grace = q.get('gracePeriodSeconds') ?? (body.gracePeriodSeconds as number | undefined);
  let policy = (q.get('propagationPolicy') ?? body.propagationPolicy) as DeleteOptions['propagationPolicy'] | undefined;
  const orphanQ = boolParam(q.get('orphanDependents'));
  const orphan = orphanQ ?? (typeof body.orphanDependents === 'boolean' ? body.orphanDependents : undefined);
  if (orphan !== undefined && policy !== undefined) {
    throw invalid('DeleteOptions', 'meta.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'propagationPolicy', message: `Invalid value: "${policy}": orphanDependents and deletionPropagation cannot be both set` },
    ]);
  }
  if (policy === undefined && orphan !== undefined) policy = orphan ? 'Orphan' : 'Background';
  if (policy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const bodyDry = Array.isArray(body.dryRun) ? (body.dryRun as unknown[]) : [];
  const dryRun = checkDryRun([...q.getAll('dryRun'), ...bodyDry]);
  return {
    ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(policy ? { propagationPolicy: policy } : {}),
    ...(body.preconditions ? { preconditions: body.preconditions as DeleteOptions['preconditions'] } : {}),
    ...(orphan !== undefined ? { orphanDependents: orphan } : {}),
    dryRun,
  };
}

async function handleSub(deps: ServerDeps, rp: ResourcePath, method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  const ns = rp.namespace;
  const name = rp.name!;
  switch (rp.sub) {
    case 'status':
    case 'scale': {
      const sub = rp.sub;
      if (sub === 'scale' && !supportsScale(api, k)) throw notFoundPath();
      if (method === 'GET') {
        const o = api.get(k, ns, name);
        return sendObject(deps, rp, req, res, 200, sub === 'scale' ? getScale(api, k, o) : o, url);
      }
      const ctx = reqCtx(url, req);
      if (method === 'PUT') {
        const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
        const out = sub === 'scale' ? updateScale(api, k, ns, name, body, { ...ctx, ownedBody: false }) : api.update(k, ns, name, body, { ...ctx, subresource: 'status' });
        return sendObject(deps, rp, req, res, 200, out, url, ctx.warnings);
      }
      if (method === 'PATCH') {
        const { type, patch } = await readPatch(req, api.isCustom(k));
        const force = boolParam(url.searchParams.get('force'));
        const r = patchResource(api, k, ns, name, type, patch, { ...ctx, force, subresource: sub });
        return sendObject(deps, rp, req, res, 200, r.obj, url, ctx.warnings);
      }
      throw methodNotAllowed();
    }
    case 'approval': {
      if (method === 'GET') return sendObject(deps, rp, req, res, 200, api.get(k, ns, name), url);
      if (method !== 'PUT') throw methodNotAllowed();
      const ctx = reqCtx(url, req);
      const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers, k.kind);
      const next = approvalUpdate(k, api.get(k, ns, name), body);
      if (body.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: body.metadata.resourceVersion };
      return sendObject(deps, rp, req, res, 200, api.update(k, ns, name, next, { ...ctx, subresource: 'status' }), url, ctx.warnings);
    }
    case 'ephemeralcontainers': {
      if (method === 'GET') return sendObject(deps, rp, req, res, 200, api.get(k, ns, name), url);
      if (method === 'PUT') {
        const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
        return sendObject(deps, rp, req, res, 200, updateEphemeral(api, ns!, name, body), url);
      }
      if (method === 'PATCH') {
        const { type, patch } = await readPatch(req, false);
        return sendObject(deps, rp, req, res, 200, patchEphemeral(api, ns!, name, type, patch), url);
      }
      throw methodNotAllowed();
    }
    case 'log':
      if (method !== 'GET') throw methodNotAllowed();
      return handleLog(deps, ns!, name, url, req, res);
    case 'eviction':
      if (method !== 'POST') throw methodNotAllowed();
      return handleEviction(deps, ns!, name, url, req, res);
    case 'binding':
      if (method !== 'POST') throw methodNotAllowed();
      return handleBinding(deps, ns!, name, url, req, res);
    case 'finalize': {
      if (method !== 'PUT') throw methodNotAllowed();
      const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
      const cur = api.get(k, ns, name);
      const next = { ...cur, spec: { ...(cur.spec as object), finalizers: (body.spec as { finalizers?: string[] })?.finalizers ?? [] } };
      const stored = api.write(k, { ...next, metadata: { ...cur.metadata } });
      return sendObject(deps, rp, req, res, 200, stored, url);
    }
  }
  throw notFound(k.group, `${k.resource}/${rp.sub}`, name);
}
