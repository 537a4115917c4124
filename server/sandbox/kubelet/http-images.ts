/* eslint-disable @typescript-eslint/no-explicit-any -- container specs are untyped JSON here; fields are read defensively */
/**
 * What a simulated container serves over HTTP, decided from its image like the rest of the simulation
 * (images.ts): nginx and httpd answer with their stock pages and headers on port 80, the demo apps and any
 * container with a port named `http` (or an httpGet probe) answer JSON, /healthz and Prometheus /metrics on
 * their ports, Prometheus/Grafana/Alertmanager/node-exporter answer their health and metrics paths.
 * Ports nothing listens on are refused by the caller (http-servers.ts).
 */
import { fnv32a } from '../controllers/lib/hash';
import { parseImage } from './images';
import { NGINX_404, nginxIndex } from './http-pages';
import type { HttpReply, HttpRequestIn } from '../types';

export type { HttpReply, HttpRequestIn } from '../types';

/** What serves on one port of one container; `now` is the simulation's clock (ms). */
export type PortServer = (req: HttpRequestIn, ctx: ServeContext) => HttpReply;

export interface ServeContext {
  now: number;
  pod: { name: string; namespace: string; ip?: string; startedMs?: number };
  container: string;
  image: string;
  port: number;
}

const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** The version an image tag names (`1.27.3-alpine` → `1.27.3`), or the given default. */
export function tagVersion(tag: string, dflt: string): string {
  const m = /^v?(\d+(?:\.\d+){0,2})/.exec(tag);
  return m ? m[1]! : dflt;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** nginx and httpd both send Content-Length right after Content-Type. */
function reply(status: number, headers: [string, string][], body: string | Buffer, head: boolean): HttpReply {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const out: [string, string][] = [];
  for (const h of headers) {
    out.push(h);
    if (h[0] === 'Content-Type') out.push(['Content-Length', String(b.length)]);
  }
  return { status, headers: out, body: head ? Buffer.alloc(0) : b };
}

function pathOf(req: HttpRequestIn): string {
  const q = req.path.indexOf('?');
  return q >= 0 ? req.path.slice(0, q) : req.path;
}

// A fixed "build time" per image so Last-Modified/ETag are stable like a real image's files.
function buildMs(image: string): number {
  return Date.UTC(2024, 9, 1) + (fnv32a(image) % (180 * 86_400)) * 1000;
}

function nginx(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const version = tagVersion(parseImage(ctx.image).tag, '1.27.3');
  const server: [string, string] = ['Server', `nginx/${version}`];
  const date: [string, string] = ['Date', httpDate(ctx.now)];
  const head = req.method === 'HEAD';
  const p = pathOf(req);
  if (p === '/' || p === '/index.html') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return notAllowedNginx(version, date, head);
    const body = nginxIndex();
    const mtime = buildMs(ctx.image);
    const etag = `"${Math.floor(mtime / 1000).toString(16)}-${body.length.toString(16)}"`;
    return {
      status: 200,
      headers: [server, date, ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Last-Modified', httpDate(mtime)], ['Connection', 'keep-alive'], ['ETag', etag], ['Accept-Ranges', 'bytes']],
      body: head ? Buffer.alloc(0) : body,
    };
  }
  const body = Buffer.from(NGINX_404.replace('{version}', version));
  return { status: 404, headers: [server, date, ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body: head ? Buffer.alloc(0) : body };
}

function notAllowedNginx(version: string, date: [string, string], head: boolean): HttpReply {
  const body = Buffer.from(NGINX_404.replace('{version}', version).replaceAll('404 Not Found', '405 Not Allowed'));
  return { status: 405, headers: [['Server', `nginx/${version}`], date, ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']], body: head ? Buffer.alloc(0) : body };
}

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';
const HTTPD_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

function httpd(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const version = tagVersion(parseImage(ctx.image).tag, '2.4.62');
  const head = req.method === 'HEAD';
  const common: [string, string][] = [['Date', httpDate(ctx.now)], ['Server', `Apache/${version} (Unix)`]];
  const p = pathOf(req);
  if (p === '/' || p === '/index.html') {
    const mtime = buildMs(ctx.image);
    const etag = `"${HTTPD_INDEX.length.toString(16)}-${(mtime * 1000).toString(16)}"`;
    return reply(200, [...common, ['Last-Modified', httpDate(mtime)], ['ETag', etag], ['Accept-Ranges', 'bytes'], ['Content-Type', 'text/html']], HTTPD_INDEX, head);
  }
  return reply(404, [...common, ['Content-Type', 'text/html; charset=iso-8859-1']], HTTPD_404, head);
}

function json(status: number, obj: unknown, ctx: ServeContext, head: boolean): HttpReply {
  return reply(status, [['Content-Type', 'application/json'], ['Date', httpDate(ctx.now)]], `${JSON.stringify(obj)}\n`, head);
}

function text(status: number, body: string, ctx: ServeContext, head: boolean, type = 'text/plain; charset=utf-8'): HttpReply {
  return reply(status, [['Content-Type', type], ['Date', httpDate(ctx.now)]], body, head);
}

/** Prometheus text exposition of a small Go-style HTTP service. */
export function appMetrics(ctx: ServeContext): string {
  const seed = fnv32a(`${ctx.pod.namespace}/${ctx.pod.name}/${ctx.container}`);
  const up = Math.max(0, (ctx.now - (ctx.pod.startedMs ?? ctx.now)) / 1000);
  const reqs = Math.floor(up * (0.5 + (seed % 40) / 10));
  const lines = [
    '# HELP http_requests_total Total number of HTTP requests by status code.',
    '# TYPE http_requests_total counter',
    `http_requests_total{code="200",method="get"} ${reqs}`,
    `http_requests_total{code="404",method="get"} ${Math.floor(reqs / 97)}`,
    `http_requests_total{code="500",method="get"} ${Math.floor(reqs / 499)}`,
    '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${((ctx.pod.startedMs ?? ctx.now) / 1000).toFixed(2)}`,
    '# HELP go_goroutines Number of goroutines that currently exist.',
    '# TYPE go_goroutines gauge',
    `go_goroutines ${8 + (seed % 30)}`,
    '# HELP up Whether the service is serving.',
    '# TYPE up gauge',
    'up 1',
  ];
  return `${lines.join('\n')}\n`;
}

/** A demo/generic JSON service: `/`, `/healthz`, `/readyz`, `/livez`, `/metrics`, `/api/info`, `/api/echo`. */
function app(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const head = req.method === 'HEAD';
  const p = pathOf(req);
  const { name, tag } = parseImage(ctx.image);
  const info = { service: base(name), version: tag, pod: ctx.pod.name, namespace: ctx.pod.namespace, container: ctx.container, port: ctx.port };
  if (p === '/healthz' || p === '/readyz' || p === '/livez') return text(200, 'ok\n', ctx, head);
  if (p === '/metrics') return text(200, appMetrics(ctx), ctx, head, 'text/plain; version=0.0.4; charset=utf-8');
  if (p === '/' || p === '/api/info') return json(200, info, ctx, head);
  if (p === '/api/echo') {
    return json(200, { method: req.method, path: req.path, headers: req.headers, body: req.body?.toString('utf8') ?? '' }, ctx, head);
  }
  return json(404, { error: 'not found', path: p }, ctx, head);
}

function prometheus(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const head = req.method === 'HEAD';
  const p = pathOf(req);
  if (p === '/-/healthy') return text(200, 'Prometheus Server is Healthy.\n', ctx, head);
  if (p === '/-/ready') return text(200, 'Prometheus Server is Ready.\n', ctx, head);
  if (p === '/metrics') return text(200, appMetrics(ctx), ctx, head, 'text/plain; version=0.0.4; charset=utf-8');
  if (p === '/api/v1/status/buildinfo') {
    return json(200, { status: 'success', data: { version: tagVersion(parseImage(ctx.image).tag, '3.0.1'), goVersion: 'go1.23.3' } }, ctx, head);
  }
  if (p === '/') return reply(302, [['Location', '/query'], ['Date', httpDate(ctx.now)], ['Content-Type', 'text/html; charset=utf-8']], '<a href="/query">Found</a>.\n\n', head);
  return text(404, '404 page not found\n', ctx, head);
}

function grafana(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const p = pathOf(req);
  if (p === '/api/health') return json(200, { database: 'ok', version: tagVersion(parseImage(ctx.image).tag, '11.3.1') }, ctx, req.method === 'HEAD');
  if (p === '/metrics') return text(200, appMetrics(ctx), ctx, req.method === 'HEAD', 'text/plain; version=0.0.4; charset=utf-8');
  if (p === '/') return reply(302, [['Location', '/login'], ['Date', httpDate(ctx.now)], ['Content-Type', 'text/html; charset=utf-8']], '<a href="/login">Found</a>.\n\n', req.method === 'HEAD');
  return app(req, ctx);
}

function metricsOnly(req: HttpRequestIn, ctx: ServeContext): HttpReply {
  const p = pathOf(req);
  if (p === '/metrics') return text(200, appMetrics(ctx), ctx, req.method === 'HEAD', 'text/plain; version=0.0.4; charset=utf-8');
  if (p === '/-/healthy' || p === '/-/ready' || p === '/healthz') return text(200, 'OK\n', ctx, req.method === 'HEAD');
  if (p === '/') return text(200, '<html><head><title>Exporter</title></head><body><a href="/metrics">Metrics</a></body></html>\n', ctx, req.method === 'HEAD', 'text/html; charset=utf-8');
  return text(404, '404 page not found\n', ctx, req.method === 'HEAD');
}

/**
 * The ports a container listens on with HTTP, each with its server. Images that are known to speak something
 * else (redis, postgres, kafka, dns) serve nothing over HTTP here.
 */
export function httpPorts(image: string, spec: any): Map<number, PortServer> {
  const out = new Map<number, PortServer>();
  const { name } = parseImage(image);
  const b = base(name);
  if (b === 'nginx' || b === 'nginx-unprivileged' || b === 'openresty') out.set(b === 'nginx-unprivileged' ? 8080 : 80, nginx);
  else if (b === 'httpd') out.set(80, httpd);
  else if (b === 'prometheus') out.set(9090, prometheus);
  else if (b === 'alertmanager') out.set(9093, prometheus);
  else if (b === 'grafana') out.set(3000, grafana);
  else if (b === 'node-exporter') out.set(9100, metricsOnly);
  else if (!/^(redis|postgres|mysql|mariadb|kafka|coredns|busybox|alpine|ubuntu|debian|pause)$/.test(b)) {
    const demo = name.startsWith('ghcr.io/wheelhouse-demo/');
    for (const p of (spec?.ports ?? []) as any[]) {
      if (typeof p?.containerPort !== 'number' || (p.protocol ?? 'TCP') !== 'TCP') continue;
      if (demo || p.name === 'http' || p.name === 'metrics' || p.name === 'web') out.set(p.containerPort, app);
    }
    // a probe names a port the container answers HTTP on, and a path its app answers when healthy
    const probed = new Map<number, Set<string>>();
    for (const pr of [spec?.readinessProbe, spec?.livenessProbe, spec?.startupProbe]) {
      const port = pr?.httpGet?.port;
      const n = typeof port === 'number' ? port : ((spec?.ports ?? []) as any[]).find((x) => x.name === port)?.containerPort;
      if (typeof n !== 'number') continue;
      if (!out.has(n)) out.set(n, app);
      if (out.get(n) === app) probed.set(n, (probed.get(n) ?? new Set()).add(pathOf({ path: String(pr.httpGet.path ?? '/') } as HttpRequestIn)));
    }
    for (const [n, paths] of probed) out.set(n, (req, ctx) => (paths.has(pathOf(req)) ? text(200, 'ok\n', ctx, req.method === 'HEAD') : app(req, ctx)));
  }
  return out;
}
