/**
 * The HTTPS request handler: authentication, impersonation and RBAC (auth/), non-resource endpoints
 * (version, health, discovery, OpenAPI) and routing of resource paths to resource-handlers.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ExecProvider, LogProvider, MetricsProvider, PortProvider } from '../types';
import type { ServedKind } from '../kinds';
import { notFoundPath, StatusError, toStatusError } from './errors';
import { aggregatedAccept, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { markPretty, sendJson, sendJsonText, sendStatus } from './http-util';
import type { GenericRegistry } from './ops';
import { handleResource } from './resource-handlers';
import { markGzip } from './response-encoding';
import { OPENAPI_V2_PROTOBUF } from './openapi/index';
import { SandboxAuth, type UserInfo } from './auth/index';
import { handleTokenRequest } from './auth/token-request';
import { ApiServerMetrics } from './prom-metrics';
import { handleProxy, proxyTarget } from './proxy';
import { ConnectRegistry, defaultConnectRegistry } from './streaming/index';

export interface ServerDeps {
  api: GenericRegistry;
  token: string;
  logs?: LogProvider;
  metrics?: MetricsProvider;
  /** the kubelets' pods' ports and node endpoints (proxy, port-forward) */
  ports?: PortProvider;
  serverAddress: string;
  logger?: Logger;
  bookmarkIntervalMs: number;
  /** real servers attached at pod-network addresses ("ip:port"), reached by services/proxy (external-route.ts) */
  external?: import('./external-route').ExternalRoutes;
  /** authn/authz state; created by createRequestHandler when absent */
  auth?: SandboxAuth;
  /** the /metrics registry; created by createRequestHandler when absent */
  promMetrics?: ApiServerMetrics;
  /** exec/attach into simulated containers (the kubelets' streaming server) */
  exec?: ExecProvider;
  /** connect subresources (exec, attach, portforward, proxy); defaultConnectRegistry() when absent */
  connect?: ConnectRegistry;
}


export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T00:00:00Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface ResourcePath {
  kind: ServedKind;
  namespace?: string;
  name?: string;
  sub?: string;
  watchPath: boolean;
}

const PUBLIC = /^\/(version|healthz|livez|readyz)(\/.*)?$/;

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  deps.auth ??= new SandboxAuth(deps.api.store, deps.token);
  deps.promMetrics ??= new ApiServerMetrics(deps.api.store, deps.api.kinds);
  deps.connect ??= defaultConnectRegistry();
  return (req, res) => {
    deps.promMetrics!.track(req, res, new URL(req.url ?? '/', 'https://localhost'));
    handle(deps, req, res).catch((e: unknown) => {
      const se = toStatusError(e);
      if (se.code >= 500) deps.logger?.warn({ err: e, url: req.url }, 'sandbox apiserver error');
      sendStatus(res, se.status);
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const p = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const auth = deps.auth!;
  markPretty(req, url, res);
  // /version and the health checks are public-info-viewer's, which upstream also grants unauthenticated users
  let user: UserInfo | undefined;
  if (!PUBLIC.test(p)) user = auth.check(req, method, url);
  else {
    if (p === '/version') return sendJson(res, 200, VERSION_INFO);
    const res2 = p.split('/')[1];
    if (url.searchParams.has('verbose')) {
      return sendJsonText(res, 200, `[+]ping ok\n[+]etcd ok\n${res2} check passed\n`, 'text/plain; charset=utf-8');
    }
    return sendJsonText(res, 200, 'ok', 'text/plain; charset=utf-8');
  }
  const { api } = deps;
  const accept = req.headers.accept;
  if (p === '/api' || p === '/apis') {
    const agg = aggregatedAccept(accept);
    if (agg) return sendJsonText(res, 200, JSON.stringify(aggregatedDiscovery(api.kinds, p === '/api', agg)), agg);
    return sendJson(res, 200, p === '/api' ? apiVersions(deps.serverAddress) : apiGroupList(api.kinds));
  }
  if (p.startsWith('/openapi')) return serveOpenApi({ ...deps, accept }, p, url, res);
  if (p === '/metrics' && (method === 'GET' || method === 'HEAD')) return deps.promMetrics!.serve(res);
  // proxy paths go on past the subresource (`.../proxy/any/path`), so they are matched before resource paths
  const proxied = proxyTarget(url.pathname);
  if (proxied) return handleProxy(deps, proxied, url, method, req, res);
  const seg = p.split('/').slice(1).map(decodeURIComponent);
  if (seg[0] === 'apis' && seg.length === 2) {
    const g = apiGroup(api.kinds, seg[1]);
    if (!g) throw notFoundPath();
    return sendJson(res, 200, g);
  }
  if ((seg[0] === 'api' && seg.length === 2) || (seg[0] === 'apis' && seg.length === 3)) {
    const group = seg[0] === 'api' ? '' : seg[1];
    const version = seg[seg.length - 1];
    const kinds = api.kinds.groups().find((x) => x.group === group)?.kinds.get(version);
    if (!kinds) throw notFoundPath();
    const storageVersion = (k: ServedKind) => api.kinds.crdInfo(k.group, k.resource)?.versions.find((v) => v.storage)?.name;
    return sendJson(res, 200, apiResourceList(group, version, kinds, storageVersion));
  }
  const rp = resourcePathOf(api, p);
  if (!rp) throw notFoundPath();
  if (rp.kind.resource === 'serviceaccounts' && rp.kind.group === '' && rp.sub === 'token') {
    return handleTokenRequest(deps.api, auth, rp, method, req, res);
  }
  const connect = deps.connect!.lookup(rp.kind.group, rp.kind.resource, rp.sub);
  if (connect?.http) return connect.http({ deps, rp, url, method, req, user: user! }, res);
  // resource responses (objects, lists, Tables, Status) are gzipped when large and asked for, as upstream's SerializeObject
  markGzip(req, res);
  await handleResource(deps, rp, method, url, req, res);
}

/** The resource a /api or /apis path names (undefined for discovery paths and unknown resources). */
export function resourcePathOf(api: GenericRegistry, p: string): ResourcePath | undefined {
  const seg = p.split('/').slice(1).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api' && seg.length >= 2) {
    group = '';
    version = seg[1];
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg.length >= 3) {
    group = seg[1];
    version = seg[2];
    rest = seg.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  return parseResourcePath(api, group, version, rest);
}

function parseResourcePath(api: GenericRegistry, group: string, version: string, rest: string[]): ResourcePath | undefined {
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const k = api.kinds.lookup(group, version, rest[2]);
    if (k?.namespaced && rest.length <= 5) {
      return { kind: k, namespace: rest[1], name: rest[3], sub: rest[4], watchPath };
    }
  }
  const k = api.kinds.lookup(group, version, rest[0]);
  if (!k || rest.length > 3) return undefined;
  return { kind: k, name: rest[1], sub: rest[2], watchPath };
}

function serveOpenApi(deps: ServerDeps & { accept?: string }, p: string, url: URL, res: ServerResponse): void {
  const oa = deps.api.helpers.openapi;
  if (!oa) throw notFoundPath();
  const served = deps.api.kinds.all();
  const crds = deps.api.kinds.crdObjects();
  if (p === '/openapi/v2') {
    // kubectl asks for the gnostic protobuf form by name; everyone else gets JSON
    const pb = oa.openapiV2Protobuf && (deps.accept ?? '').includes('com.github.proto-openapi.spec.v2');
    if (pb) {
      const body = Buffer.from(oa.openapiV2Protobuf!(served, crds));
      res.writeHead(200, { 'Content-Type': OPENAPI_V2_PROTOBUF, 'Content-Length': String(body.length) });
      res.end(body);
      return;
    }
    return sendJson(res, 200, oa.openapiV2(served, crds));
  }
  if (p === '/openapi/v3') return sendJson(res, 200, oa.openapiV3Index(served, crds));
  const m = p.match(/^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/);
  if (!m) throw notFoundPath();
  const doc = m[1] ? oa.openapiV3GroupVersion('', m[1], served, crds) : oa.openapiV3GroupVersion(m[2], m[3], served, crds);
  if (!doc) throw notFoundPath();
  void url;
  sendJson(res, 200, doc);
}

export { StatusError };
