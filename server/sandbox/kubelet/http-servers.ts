/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The simulated containers' HTTP servers, reached the ways a cluster reaches them: one container's port
 * (serveContainerHttp), a pod's network namespace (any running container listening on the port), and the cluster
 * network (ClusterNet.fetch: Service DNS names, ClusterIPs and pod IPs resolved to a ready endpoint, like
 * CoreDNS + kube-proxy). A port nothing listens on is refused like a closed TCP port.
 */
import type { KObject, SandboxClient } from '../types';
import { R } from '../controllers/lib/refs';
import { httpPorts, type HttpReply, type HttpRequestIn, type PortServer, type ServeContext } from './http-images';

export type { HttpReply, HttpRequestIn } from './http-images';

/** A network failure as a client sees it; `code` follows Node's errno names. */
export class NetError extends Error {
  constructor(
    readonly code: 'ECONNREFUSED' | 'ENOTFOUND' | 'EHOSTUNREACH',
    message: string,
  ) {
    super(message);
  }
}

export const CLUSTER_DOMAIN = 'cluster.local';

function containerSpec(pod: KObject, name: string): any {
  return ((pod as any).spec?.containers ?? []).find((c: any) => c.name === name);
}

function runningSince(pod: KObject, container: string): number | undefined {
  const st = ((pod as any).status?.containerStatuses ?? []).find((c: any) => c.name === container);
  const at = st?.state?.running?.startedAt;
  return at ? Date.parse(at) || 0 : undefined;
}

export interface Listener {
  serve: PortServer;
  ctx: ServeContext;
}

/** What listens on `port` in this container right now (it must be running), or undefined. */
export function containerListener(pod: KObject, container: string, port: number, now: number): Listener | undefined {
  const spec = containerSpec(pod, container);
  if (!spec) return undefined;
  const started = runningSince(pod, container);
  if (started === undefined) return undefined;
  const serve = httpPorts(spec.image ?? '', spec).get(port);
  if (!serve) return undefined;
  const m = pod.metadata;
  return {
    serve,
    ctx: { now, container, image: spec.image ?? '', port, pod: { name: m.name!, namespace: m.namespace!, ip: (pod as any).status?.podIP, startedMs: started } },
  };
}

/** Containers share the pod's network namespace: whichever running container listens on the port answers. */
export function podListener(pod: KObject, port: number, now: number): Listener | undefined {
  for (const c of ((pod as any).spec?.containers ?? []) as any[]) {
    const l = containerListener(pod, c.name, port, now);
    if (l) return l;
  }
  return undefined;
}

function refused(host: string, port: number): NetError {
  return new NetError('ECONNREFUSED', `connect ECONNREFUSED ${host}:${port}`);
}

/** One HTTP exchange with a container's port; throws NetError ECONNREFUSED when nothing listens there. */
export function serveContainerHttp(pod: KObject, container: string, port: number, req: HttpRequestIn, now = Date.now()): HttpReply {
  const l = containerListener(pod, container, port, now);
  if (!l) throw refused((pod as any).status?.podIP ?? pod.metadata.name!, port);
  return l.serve(req, l.ctx);
}

/** One HTTP exchange with whatever listens on the pod's port. */
export function servePodHttp(pod: KObject, port: number, req: HttpRequestIn, now = Date.now()): HttpReply {
  const l = podListener(pod, port, now);
  if (!l) throw refused((pod as any).status?.podIP ?? pod.metadata.name!, port);
  return l.serve(req, l.ctx);
}

export interface FetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** namespace of the caller: short Service names and resolv.conf search domains are relative to it */
  namespace?: string;
  /** the calling pod: localhost is its own network namespace */
  fromPod?: string;
}

type Resolved = { kind: 'pod'; pod: KObject } | { kind: 'service'; svc: KObject };

/**
 * The cluster network seen from inside a pod: DNS names and IPs resolve the way CoreDNS and kube-proxy would.
 * Reads the store on each call, so it always sees the current pods, Services and Endpoints.
 */
export class ClusterNet {
  private rr = new Map<string, number>();

  constructor(
    private readonly client: SandboxClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The pod or Service a host name or IP names, seen from namespace `fromNs`; undefined when nothing does. */
  resolve(host: string, fromNs = 'default'): Resolved | undefined {
    const h = host.toLowerCase().replace(/\.$/, '');
    if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) {
      const svc = this.client.list(R.services).items.find((s) => ((s as any).spec?.clusterIPs ?? [(s as any).spec?.clusterIP]).includes(h));
      if (svc) return { kind: 'service', svc };
      const pod = this.client.list(R.pods).items.find((p) => (p as any).status?.podIP === h && !isFinished(p));
      return pod ? { kind: 'pod', pod } : undefined;
    }
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    const name = h.endsWith(suffix) ? h.slice(0, -suffix.length) : h.endsWith('.svc') ? h.slice(0, -4) : h;
    const parts = name.split('.');
    // <svc>, <svc>.<ns>, <hostname>.<svc>.<ns> (a StatefulSet pod behind its headless Service)
    if (parts.length === 1) return this.service(fromNs, parts[0]!);
    if (parts.length === 2) return this.service(parts[1]!, parts[0]!);
    if (parts.length === 3) {
      const [hostname, svc, ns] = parts as [string, string, string];
      const pod = this.client.list(R.pods, { namespace: ns }).items.find((p) => (p as any).spec?.hostname === hostname && (p as any).spec?.subdomain === svc && !isFinished(p));
      return pod ? { kind: 'pod', pod } : undefined;
    }
    return undefined;
  }

  private service(ns: string, name: string): Resolved | undefined {
    const svc = this.client.get(R.services, ns, name);
    return svc ? { kind: 'service', svc } : undefined;
  }

  /** The pod and port a Service port leads to (a ready endpoint, taken in turn), or undefined when none is ready. */
  endpointFor(svc: KObject, port: number): { pod: KObject; port: number } | undefined {
    const spec = (svc as any).spec ?? {};
    const sp = (spec.ports ?? []).find((p: any) => p.port === port);
    const headless = spec.clusterIP === 'None';
    if (!sp && !headless) return undefined;
    const ep = this.client.get(R.endpoints, svc.metadata.namespace, svc.metadata.name!) as any;
    const choices: { ref: any; port: number }[] = [];
    for (const ss of ep?.subsets ?? []) {
      const epPort = headless && !sp ? port : (ss.ports ?? []).find((p: any) => (p.name ?? '') === (sp.name ?? ''))?.port;
      if (epPort === undefined) continue;
      for (const a of ss.addresses ?? []) choices.push({ ref: a.targetRef, port: epPort });
    }
    if (!choices.length) return undefined;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const start = this.rr.get(key) ?? 0;
    for (let i = 0; i < choices.length; i++) {
      const c = choices[(start + i) % choices.length]!;
      const pod = c.ref?.kind === 'Pod' ? this.client.get(R.pods, c.ref.namespace, c.ref.name) : undefined;
      if (!pod) continue;
      this.rr.set(key, (start + i + 1) % choices.length);
      return { pod, port: c.port };
    }
    return undefined;
  }

  /** Where a connection to host:port lands: a pod and the port in it. Throws NetError like a client would see. */
  target(host: string, port: number, fromNs?: string): { pod: KObject; port: number } {
    const r = this.resolve(host, fromNs);
    if (!r) throw new NetError('ENOTFOUND', `getaddrinfo ENOTFOUND ${host}`);
    if (r.kind === 'pod') return { pod: r.pod, port };
    const t = this.endpointFor(r.svc, port);
    // kube-proxy rejects connections to a Service port without ready endpoints
    if (!t) throw refused((r.svc as any).spec?.clusterIP ?? host, port);
    return t;
  }

  /** An HTTP request from inside the cluster (what curl/wget in a container do). https URLs are refused. */
  async fetch(url: string, opts: FetchOptions = {}): Promise<HttpReply> {
    const u = new URL(url);
    if (u.protocol !== 'http:') throw new NetError('ECONNREFUSED', `unsupported protocol ${u.protocol.replace(':', '')}`);
    const port = u.port ? Number(u.port) : 80;
    const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
    const self = local && opts.fromPod ? this.client.get(R.pods, opts.namespace ?? 'default', opts.fromPod) : undefined;
    if (local && !self) throw refused(u.hostname, port);
    const t = self ? { pod: self, port } : this.target(u.hostname, port, opts.namespace);
    const headers: Record<string, string> = { host: u.host, 'user-agent': 'curl/8.11.1', accept: '*/*', ...lower(opts.headers) };
    return servePodHttp(t.pod, t.port, { method: opts.method ?? 'GET', path: `${u.pathname}${u.search}`, headers, body: opts.body }, this.now());
  }
}

function lower(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

function isFinished(p: KObject): boolean {
  const phase = (p as any).status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `clusterFetch(client, url)`: ClusterNet.fetch for one-off callers. */
export function clusterFetch(client: SandboxClient, url: string, opts: FetchOptions = {}): Promise<HttpReply> {
  return new ClusterNet(client).fetch(url, opts);
}
