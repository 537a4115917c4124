/**
 * The status subresource of any kind that has one: GET answers the object; PUT and PATCH change only
 * .status (the status strategy in ../update.ts resets everything else).
 */
import { methodNotAllowed } from '../../errors';
import { boolParam, decodeObject, readBody } from '../../http-util';
import { patchResource } from '../../patch-ops';
import { readPatch, reqCtx, sendObject } from '../../resource-request';
import type { SubresourceRequest } from './types';

export async function handleStatus({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  if (method === 'GET') return sendObject(deps, rp, req, res, 200, api.get(k, rp.namespace, rp.name), url);
  const ctx = reqCtx(url, req);
  if (method === 'PUT') {
    const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
    const out = api.update(k, rp.namespace, rp.name, body, { ...ctx, subresource: 'status' });
    return sendObject(deps, rp, req, res, 200, out, url, ctx.warnings);
  }
  if (method === 'PATCH') {
    const { type, patch } = await readPatch(req, api.isCustom(k));
    const force = boolParam(url.searchParams.get('force'));
    const r = patchResource(api, k, rp.namespace, rp.name, type, patch, { ...ctx, force, subresource: 'status' });
    return sendObject(deps, rp, req, res, 200, r.obj, url, ctx.warnings);
  }
  throw methodNotAllowed();
}
