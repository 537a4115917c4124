/**
 * GET|HEAD /api/proxy/:cluster/:kind/:namespace/:name/:port/*  — a pod's or Service's HTTP port through the API
 * server's proxy subresource (pods/proxy, services/proxy), as the person.
 *
 * The page a pod serves must never run with the console's origin: it could otherwise call the console's API with
 * the person's session. So every proxied answer carries `Content-Security-Policy: sandbox …` WITHOUT
 * allow-same-origin: the browser gives the document an opaque origin, its requests to /api are cross-origin (no
 * CORS grant, SameSite=Lax cookie not sent, Origin "null" refused by the mutation guard), and it cannot read the
 * console's cookies or storage. Upstream, no cookie or browser header is forwarded (the request is built from
 * scratch), and the pod's Set-Cookie is dropped (it would land on the console's origin).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ClusterRegistry } from '../clusters/registry';
import type { AccessReviewer } from '../watch/access';
import { forbidden } from '../watch/access';
import { badRequest } from '../k8s/errors';
import { clusterId, k8sName } from '../../lib/protocol';
import { portRef, PROXY_SANDBOX_CSP } from '../../lib/exec/proxy';
import { identityOf, parse } from '../api/common';

const params = z.object({
  cluster: clusterId,
  kind: z.enum(['pods', 'services']),
  namespace: k8sName.max(63),
  name: k8sName,
  port: portRef,
  '*': z.string().max(4096).default(''),
});

/** Response headers passed through from the app; everything else (Set-Cookie, CSP, CORS, HSTS…) is dropped. */
const PASS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'expires', 'vary', 'location', 'accept-ranges', 'content-range']);
const seg = encodeURIComponent;

/** Re-encodes each path segment after decoding it; `.`/`..` segments and encoded slashes are refused. */
export function safeRest(rest: string): string {
  const parts = rest.split('/');
  const out: string[] = [];
  for (const p of parts) {
    let d: string;
    try {
      d = decodeURIComponent(p);
    } catch {
      throw badRequest('the proxied path is not valid URL encoding');
    }
    if (d === '.' || d === '..' || d.includes('/') || d.includes('\\') || d.includes('\0')) throw badRequest('the proxied path may not contain "." or ".." segments or encoded slashes');
    out.push(seg(d));
  }
  return out.join('/');
}

export async function proxyRoutes(app: FastifyInstance, d: { registry: ClusterRegistry; access: AccessReviewer }): Promise<void> {
  const handler = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const p = parse(params, req.params, 'path');
    const identity = identityOf(req);
    const v = await d.access.can(identity, p.cluster, { verb: 'get', group: '', resource: p.kind, subresource: 'proxy', namespace: p.namespace, name: p.name });
    if (!v.allowed) throw forbidden(v.reason, p.cluster);
    // from the raw path, not the decoded wildcard: an encoded slash or dot segment must be seen as such
    const rest = safeRest(req.url.split('?')[0]!.split('/').slice(8).join('/'));
    const q = req.url.indexOf('?');
    const query = q >= 0 ? req.url.slice(q) : '';
    const path = `/api/v1/namespaces/${seg(p.namespace)}/${p.kind}/${seg(p.name)}:${seg(p.port)}/proxy/${rest}${query}`;
    const client = d.registry.client(p.cluster).as(identity);
    const accept = typeof req.headers.accept === 'string' ? req.headers.accept.slice(0, 512) : '*/*';
    const res = await client.stream({ method: req.method === 'HEAD' ? 'HEAD' : 'GET', path, accept, anyStatus: true, timeoutMs: 60_000 });
    const headers: Record<string, string | string[]> = {};
    for (const [k, val] of Object.entries(res.headers)) {
      if (val === undefined || !PASS.has(k)) continue;
      // an absolute redirect elsewhere is not followed inside the sandbox; relative ones stay under the proxy path
      if (k === 'location' && /^[a-z][a-z0-9+.-]*:|^\/\//i.test(String(val))) continue;
      headers[k] = val;
    }
    headers['content-security-policy'] = PROXY_SANDBOX_CSP;
    headers['x-content-type-options'] = 'nosniff';
    headers['referrer-policy'] = 'no-referrer';
    headers['cross-origin-resource-policy'] = 'cross-origin';
    headers['x-frame-options'] = 'DENY';
    reply.hijack();
    reply.raw.writeHead(res.statusCode ?? 502, headers);
    res.pipe(reply.raw);
    reply.raw.on('close', () => res.destroy());
  };
  for (const url of ['/api/proxy/:cluster/:kind/:namespace/:name/:port', '/api/proxy/:cluster/:kind/:namespace/:name/:port/*']) {
    app.route({ method: ['GET', 'HEAD'], url, handler, helmet: false } as Parameters<FastifyInstance['route']>[0]);
  }
}
