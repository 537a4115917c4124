/**
 * Resource endpoints: get/list/watch/create/update/patch/delete/deletecollection through the generic
 * store, answering JSON, meta.k8s.io Tables or PartialObjectMetadata. Resources that are not stored
 * objects (registry/resources.ts) and subresources (registry/subresources/) have their own handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import { apiVersionOf } from '../kinds';
import { bytesOf } from '../store/json-cache';
import { badRequest, methodNotAllowed, notFound, notFoundPath, StatusError } from './errors';
import { boolParam, decodeObject, readBody, sendJson, sendJsonList, sendJsonObject, sendJsonText, successStatus } from './http-util';
import { listObjects } from './list';
import { patchResource } from './patch-ops';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable } from './table';
import { metadataAccepted, partialListText } from './meta-view';
import { handleWatch } from './watch-http';
import { checkBodyType } from './body-type';
import { deleteOptions, readPatch, sendObject, tableOpts, writeCtx } from './resource-request';
import { resourceHandler } from './registry/resources';
import { subresourceHandler } from './registry/subresources/index';

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
  const own = resourceHandler(k);
  if (own) return own(deps, rp, method, url, req, res);
  if (k.namespaced && rp.namespace === undefined && rp.name !== undefined) throw notFoundPath();
  const ns = rp.namespace;
  const verb = (v: string) => {
    if (!k.verbs.includes(v)) throw methodNotAllowed();
  };
  if (rp.sub) {
    if (!rp.name || !(k.subresources ?? []).includes(rp.sub)) throw notFoundPath();
    const sub = subresourceHandler(k, rp.sub);
    if (!sub) throw notFound(k.group, `${k.resource}/${rp.sub}`, rp.name);
    return sub({ deps, rp: { ...rp, name: rp.name, sub: rp.sub }, method, url, req, res });
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
      return sendJsonList(res, 200, head, r.items.map(bytesOf));
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
      if (!r.removed || api.strategy(k).returnDeletedObject) return sendJsonObject(res, code, bytesOf(r.obj));
      return sendJson(res, code, successStatus({ name, ...(k.group ? { group: k.group } : {}), kind: k.resource, uid: r.obj.metadata.uid }));
    }
  }
  throw methodNotAllowed();
}
