/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * pods/proxy, services/proxy and nodes/proxy, located the way kube-apiserver's ResourceLocation does it
 * (`[scheme:]name[:port]`; a Service port by name or number through its Endpoints; the kubelet's port for a
 * node) and forwarded to the kubelets' simulated servers (PortProvider). Every method is proxied; RBAC
 * (get/create/update/patch/delete on <resource>/proxy) already ran in server.ts like any request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpReply, HttpRequestIn } from '../types';
import { badRequest, StatusError } from './errors';
import { readBody } from './http-util';
import type { ServerDeps } from './server';
import { proxyExternal } from './external-route';

const KUBELET_PORT = 10250;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);

function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

/** utilnet.SplitSchemeNamePort: "name", "name:port" or "scheme:name:port" (scheme "" / http / https). */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else return undefined;
  if (!name || (scheme !== '' && scheme !== 'http' && scheme !== 'https')) return undefined;
  return { scheme, name, port };
}

export interface ProxyTarget {
  resource: 'pods' | 'services' | 'nodes';
  namespace?: string;
  /** the `[scheme:]name[:port]` path segment */
  id: string;
  /** the path after `/proxy`, "" when the URL ended at `/proxy` */
  rest: string;
}

/** Splits `/api/v1/[namespaces/ns/]<resource>/<id>/proxy[/rest]` off a raw request path. */
export function proxyTarget(pathname: string): ProxyTarget | undefined {
  const m = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(pods|services|nodes)\/([^/]+)\/proxy(\/.*)?$/.exec(pathname);
  if (!m) return undefined;
  const resource = m[2] as ProxyTarget['resource'];
  if ((resource === 'nodes') !== (m[1] === undefined)) return undefined;
  return { resource, namespace: m[1] && decodeURIComponent(m[1]), id: decodeURIComponent(m[3]!), rest: m[4] ?? '' };
}

function refusedMessage(ip: string, port: number): string {
  return `error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`;
}

/** Pod and port a pods/proxy id leads to (pod.ResourceLocation). */
function locatePod(deps: ServerDeps, ns: string, id: string): { pod: any; port: number } {
  const s = splitSchemeNamePort(id);
  if (!s) throw badRequest(`invalid pod request ${JSON.stringify(id)}`);
  const podKind = deps.api.kinds.lookup('', 'v1', 'pods')!;
  const pod = deps.api.get(podKind, ns, s.name) as any;
  let port = s.port;
  if (!port) {
    // upstream: the first declared container port, else the pod IP with no port (80)
    for (const c of pod.spec?.containers ?? []) {
      if (c.ports?.length) {
        port = String(c.ports[0].containerPort);
        break;
      }
    }
  }
  const ip = pod.status?.podIP;
  if (!ip) throw badRequest('address not allowed');
  let n = port ? Number(port) : 80;
  if (port && !/^\d+$/.test(port)) {
    // a named container port (the dial of "ip:name" fails upstream; naming the port is what people mean)
    const named = (pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === port);
    if (!named) throw serviceUnavailable(`error trying to reach service: dial tcp: lookup port ${port}: unknown port`);
    n = named.containerPort;
  }
  return { pod, port: n };
}

/** The ready endpoint a services/proxy id leads to (service REST ResourceLocation, over v1 Endpoints). */
function locateService(deps: ServerDeps, ns: string, id: string): { pod: { ns: string; name: string; ip: string }; port: number } {
  const s = splitSchemeNamePort(id);
  if (!s) throw badRequest(`invalid service request ${JSON.stringify(id)}`);
  const svcKind = deps.api.kinds.lookup('', 'v1', 'services')!;
  const svc = deps.api.get(svcKind, ns, s.name) as any;
  let portName = s.port;
  if (/^\d+$/.test(portName)) {
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === Number(portName));
    if (!sp) throw serviceUnavailable(`no service port ${Number(portName)} found for service ${JSON.stringify(s.name)}`);
    portName = sp.name ?? '';
  }
  const epKind = deps.api.kinds.lookup('', 'v1', 'endpoints')!;
  const ep = deps.api.get(epKind, ns, s.name) as any;
  const subsets: any[] = ep.subsets ?? [];
  if (!subsets.length) throw serviceUnavailable(`no endpoints available for service ${JSON.stringify(s.name)}`);
  const seed = Math.floor(Math.random() * subsets.length);
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(seed + i) % subsets.length];
    const addrs: any[] = ss.addresses ?? [];
    if (!addrs.length) continue;
    const p = (ss.ports ?? []).find((x: any) => (x.name ?? '') === portName);
    if (!p) continue;
    const a = addrs[Math.floor(Math.random() * addrs.length)];
    const ref = a.targetRef ?? {};
    return { pod: { ns: ref.namespace ?? ns, name: ref.name ?? '', ip: a.ip }, port: p.port };
  }
  throw serviceUnavailable(`no endpoints available for service ${JSON.stringify(id)}`);
}

function forward(deps: ServerDeps, run: (r: HttpRequestIn) => HttpReply | undefined, req: HttpRequestIn, ip: string, port: number): HttpReply {
  if (!deps.ports) throw serviceUnavailable(refusedMessage(ip, port));
  try {
    const out = run(req);
    if (!out) throw serviceUnavailable(refusedMessage(ip, port));
    return out;
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw serviceUnavailable(refusedMessage(ip, port));
  }
}

/** Serves one proxied request. Throws StatusError for the API server's own refusals (404, 503, 400). */
export async function handleProxy(deps: ServerDeps, t: ProxyTarget, url: URL, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // proxyRedirectsforRootPath: a GET of the bare `/proxy` is sent to `/proxy/`
  if (t.rest === '' && (method === 'GET' || method === 'HEAD')) {
    const loc = `${url.pathname}/${url.search}`;
    const body = `<a href="${loc}">Moved Permanently</a>.\n\n`;
    res.writeHead(301, { Location: loc, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v !== 'string' || HOP_BY_HOP.has(k) || k === 'authorization' || k.startsWith('impersonate-')) continue;
    headers[k] = v;
  }
  const inReq: HttpRequestIn = { method, path: `${t.rest || '/'}${url.search}`, headers, body };
  let out: HttpReply;
  if (t.resource === 'pods') {
    const { pod, port } = locatePod(deps, t.namespace!, t.id);
    out = forward(deps, (r) => deps.ports!.podHttp(t.namespace!, pod.metadata.name, port, r), inReq, pod.status.podIP, port);
  } else if (t.resource === 'services') {
    const { pod, port } = locateService(deps, t.namespace!, t.id);
    const ext = deps.external?.get(`${pod.ip}:${port}`);
    if (ext) return proxyExternal(ext, method, inReq.path, headers, body, res);
    out = forward(deps, (r) => deps.ports!.podHttp(pod.ns, pod.name, port, r), inReq, pod.ip, port);
  } else {
    const s = splitSchemeNamePort(t.id);
    if (!s) throw badRequest(`invalid node request ${JSON.stringify(t.id)}`);
    const node = deps.api.get(deps.api.kinds.lookup('', 'v1', 'nodes')!, undefined, s.name);
    const ip = ((node as any).status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? s.name;
    const port = s.port ? Number(s.port) : KUBELET_PORT;
    out = forward(deps, (r) => (port === KUBELET_PORT ? deps.ports!.node(s.name, r) : undefined), inReq, ip, port);
  }
  const hdrs: string[] = [];
  for (const [k, v] of out.headers) if (!HOP_BY_HOP.has(k.toLowerCase())) hdrs.push(k, v);
  hdrs.push('Content-Length', String(out.body.length));
  res.writeHead(out.status, hdrs);
  res.end(method === 'HEAD' ? undefined : out.body);
}
