/**
 * Subresources of single kinds besides pods: a Namespace's finalize (the namespace controller's last
 * step, writing spec.finalizers only) and a CertificateSigningRequest's approval (conditions only).
 */
import { methodNotAllowed } from '../../errors';
import { approvalUpdate } from '../../extra-kinds';
import { decodeObject, readBody } from '../../http-util';
import { reqCtx, sendObject } from '../../resource-request';
import type { SubresourceRequest } from './types';

export async function namespaceFinalize({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  if (method !== 'PUT') throw methodNotAllowed();
  const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers);
  const cur = api.get(k, rp.namespace, rp.name);
  const next = { ...cur, spec: { ...(cur.spec as object), finalizers: (body.spec as { finalizers?: string[] })?.finalizers ?? [] } };
  const stored = api.write(k, { ...next, metadata: { ...cur.metadata } });
  return sendObject(deps, rp, req, res, 200, stored, url);
}

export async function csrApproval({ deps, rp, method, url, req, res }: SubresourceRequest): Promise<void> {
  const { api } = deps;
  const k = rp.kind;
  if (method === 'GET') return sendObject(deps, rp, req, res, 200, api.get(k, rp.namespace, rp.name), url);
  if (method !== 'PUT') throw methodNotAllowed();
  const ctx = reqCtx(url, req);
  const body = decodeObject(await readBody(req), req.headers['content-type'], api.helpers, k.kind);
  const next = approvalUpdate(k, api.get(k, rp.namespace, rp.name), body);
  if (body.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: body.metadata.resourceVersion };
  return sendObject(deps, rp, req, res, 200, api.update(k, rp.namespace, rp.name, next, { ...ctx, subresource: 'status' }), url, ctx.warnings);
}
