/**
 * The HTTPS request handler: authentication, impersonation and RBAC (auth/), non-resource endpoints
 * (version, health, discovery, OpenAPI) and routing of resource paths to resource-handlers.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { LogProvider, MetricsProvider } from '../types';
import type { ServedKind } from '../kinds';
import { notFoundPath, StatusError, toStatusError } from './errors';
import { aggregatedAccept, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery';
import { sendJson, sendJsonText, sendStatus } from './http-util';
import type { GenericRegistry } from './ops';
import { handleResource } from './resource-handlers';
import { OPENAPI_V2_PROTOBUF } from './openapi/index';
import { SandboxAuth } from './auth/index';
import { handleTokenRequest } from './auth/token-request';

export interface ServerDeps {
  api: GenericRegistry;
  token: string;
  logs?: LogProvider;
  metrics?: MetricsProvider;
  serverAddress: string;
  logger?: Logger;
  bookmarkIntervalMs: number;
  /** authn/authz state; created by createRequestHandler when absent */
  auth?: SandboxAuth;
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
  return (req, res) => {
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
  // /version and the health checks are public-info-viewer's, which upstream also grants unauthenticated users
  if (!PUBLIC.test(p)) auth.check(req, method, url);
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
  const seg = p.split('/').slice(1).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api' && seg.length >= 2) {
    group = '';
    version = seg[1];
    rest = seg.slice(2);
  } else if (seg[0] === 'apis' && seg.length >= 2) {
    group = seg[1];
    if (seg.length === 2) {
      const g = apiGroup(api.kinds, group);
      if (!g) throw notFoundPath();
      return sendJson(res, 200, g);
    }
    version = seg[2];
    rest = seg.slice(3);
  } else throw notFoundPath();
  if (rest.length === 0) {
    const g = api.kinds.groups().find((x) => x.group === group);
    const kinds = g?.kinds.get(version);
    if (!kinds) throw notFoundPath();
    return sendJson(res, 200, apiResourceList(group, version, kinds));
  }
  const rp = parseResourcePath(api, group, version, rest);
  if (!rp) throw notFoundPath();
  if (rp.kind.resource === 'serviceaccounts' && rp.kind.group === '' && rp.sub === 'token') {
    return handleTokenRequest(deps.api, auth, rp, method, req, res);
  }
  await handleResource(deps, rp, method, url, req, res);
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
