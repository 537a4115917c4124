/**
 * The pods' own subresources: log (the kubelets' log stream), eviction (honouring disruption budgets),
 * binding (the scheduler's write) and ephemeralcontainers (kubectl debug). exec, attach, portforward and
 * proxy are connect subresources, routed by streaming/registry.ts.
 */
import { methodNotAllowed } from '../../errors';
import { decodeObject, readBody } from '../../http-util';
import { handleLog } from '../../logs';
import { patchEphemeral, updateEphemeral } from '../../pod-ephemeral';
import { handleBinding, handleEviction } from '../../pod-subresources';
import { readPatch, sendObject } from '../../resource-request';
import type { SubresourceRequest } from './types';

export function podLog({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> | void {
  if (method !== 'GET') throw methodNotAllowed();
  return handleLog(deps, rp.namespace!, rp.name, url, req, res);
}

export function podEviction({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  if (method !== 'POST') throw methodNotAllowed();
  return handleEviction(deps, rp.namespace!, rp.name, url, req, res);
}

export function podBinding({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  if (method !== 'POST') throw methodNotAllowed();
  return handleBinding(deps, rp.namespace!, rp.name, url, req, res);
}

export async function podEphemeralContainers({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  const { api } = deps;
  const ns = rp.namespace!;
  if (method === 'GET') return sendObject(deps, rp, req, res, 200, api.get(rp.kind, ns, rp.name), url);
  if (method === 'PUT') {
    const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
    return sendObject(deps, rp, req, res, 200, updateEphemeral(api, ns, rp.name, body), url);
  }
  if (method === 'PATCH') {
    const { type, patch } = await readPatch(req, false);
    return sendObject(deps, rp, req, res, 200, patchEphemeral(api, ns, rp.name, type, patch), url);
  }
  throw methodNotAllowed();
}
