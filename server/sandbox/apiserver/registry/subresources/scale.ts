/**
 * The scale subresource (an autoscaling/v1 Scale view, ../../scale.ts) of the kinds that serve one: the
 * replicated apps kinds and custom resources whose version declares subresources.scale.
 */
import { methodNotAllowed, notFoundPath } from '../../errors';
import { boolParam, decodeObject, readBody } from '../../http-util';
import { patchResource } from '../../patch-ops';
import { readPatch, reqCtx, sendObject } from '../../resource-request';
import { getScale, supportsScale, updateScale } from '../../scale';
import type { SubresourceRequest } from './types';

export async function handleScale({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  if (!supportsScale(api, k)) throw notFoundPath();
  if (method === 'GET') return sendObject(deps, rp, req, res, 200, getScale(api, k, api.get(k, rp.namespace, rp.name)), url);
  const ctx = reqCtx(url, req);
  if (method === 'PUT') {
    const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
    const out = updateScale(api, k, rp.namespace, rp.name, body, { ...ctx, ownedBody: false });
    return sendObject(deps, rp, req, res, 200, out, url, ctx.warnings);
  }
  if (method === 'PATCH') {
    const { type, patch } = await readPatch(req, api.isCustom(k));
    const force = boolParam(url.searchParams.get('force'));
    const r = patchResource(api, k, rp.namespace, rp.name, type, patch, { ...ctx, force, subresource: 'scale' });
    return sendObject(deps, rp, req, res, 200, r.obj, url, ctx.warnings);
  }
  throw methodNotAllowed();
}
