/**
 * One HTTP client per cluster connection. Auth (bearer tokens, client certs, exec plugins, CA data,
 * impersonation) comes from client-node's KubeConfig.applyToHTTPSOptions on every request, so exec
 * tokens refresh as client-node decides. client-node builds a fresh Agent per call, which would cost a
 * TLS handshake per request; we keep our own keep-alive agents keyed by the TLS material instead (and use
 * client-node's agent only when the cluster has a proxy-url, which its agent implements).
 * Non-watch requests are limited per cluster (a semaphore) and time out on their own, so a slow or
 * unreachable cluster never delays another.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorFromResponse, K8sApiError, unavailable } from './errors';
import { SERVICE_IDENTITY, type Identity } from '../auth/identity';

export interface RequestOptions {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path + query, built by paths.ts */
  path: string;
  body?: unknown;
  /** default application/json; raw string bodies are sent as-is */
  contentType?: string;
  accept?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** stream(): hand back every response, whatever its status (proxied HTTP: the app's own 404 is an answer) */
  anyStatus?: boolean;
  /** extra request headers (never identity or credential headers: those are applied after and win) */
  headers?: Record<string, string>;
}

export interface K8sClientOptions {
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  maxConcurrent?: number;
}

class Semaphore {
  private active = 0;
  private queue: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    return () => {
      this.active--;
      this.queue.shift()?.();
    };
  }
}

export class K8sClient {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  private readonly sem: Semaphore;
  private agents = new Map<string, http.Agent>();
  private readonly base: URL;
  /** who requests act for (server/auth/identity.ts); the bare client is the BFF's own identity */
  readonly identity: Identity = SERVICE_IDENTITY;

  constructor(
    readonly cluster: string,
    readonly kc: KubeConfig,
    opts: K8sClientOptions = {},
  ) {
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 20_000;
    this.sem = new Semaphore(opts.maxConcurrent ?? 8);
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new Error(`context of cluster ${cluster} has no server`);
    this.base = new URL(server);
  }

  /** JSON request; throws K8sApiError (Status parsed) on any non-2xx and 503 on transport failure. */
  async request<T = unknown>(o: RequestOptions): Promise<T> {
    const release = await this.sem.acquire();
    try {
      const res = await this.send(o, false);
      const text = await readBody(res).catch((e: Error) => {
        throw unavailable(this.cluster, `response interrupted: ${e.message}`);
      });
      const body = parseMaybeJson(text);
      if ((res.statusCode ?? 0) >= 300) throw errorFromResponse(this.cluster, res.statusCode ?? 500, body);
      return body as T;
    } finally {
      release();
    }
  }

  /** Streaming GET for watches: resolves with the response once headers arrive (2xx only). */
  async stream(o: RequestOptions): Promise<http.IncomingMessage> {
    const res = await this.send({ ...o, timeoutMs: o.timeoutMs ?? 0 }, true);
    if ((res.statusCode ?? 0) >= 300 && !o.anyStatus) {
      const body = parseMaybeJson(await readBody(res));
      throw errorFromResponse(this.cluster, res.statusCode ?? 500, body);
    }
    return res;
  }

  /**
   * A view of this client acting for `identity`: same connection pools, semaphore and timeouts; each request
   * carries the identity's headers (impersonation, or the person's own bearer token instead of the kubeconfig's
   * credentials). The service identity is this client itself.
   */
  as(identity: Identity): K8sClient {
    if (identity.kind === 'service') return this;
    const view = Object.create(this) as K8sClient;
    Object.defineProperty(view, 'identity', { value: identity, enumerable: true });
    return view;
  }

  /**
   * TLS options, credentials and identity headers for a connection this client does not make itself: the exec,
   * attach and port-forward relays open WebSockets (HTTP/1.1 Upgrade) with the `ws` package. Same credentials as
   * every other request, identity headers applied last. Clusters reached through a proxy-url are not supported here.
   */
  async upgradeOptions(path: string): Promise<{ url: string; options: https.RequestOptions }> {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const opts: https.RequestOptions = { headers: {} };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw unavailable(this.cluster, `credentials: ${(e as Error).message}`);
    }
    applyIdentity(opts, this.identity);
    const proto = this.base.protocol === 'https:' ? 'wss:' : 'ws:';
    return { url: `${proto}//${this.base.host}${basePath}${path}`, options: opts };
  }

  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  private async send(o: RequestOptions, streaming: boolean): Promise<http.IncomingMessage> {
    const headers: Record<string, string> = { ...o.headers, Accept: o.accept ?? 'application/json' };
    // as client-go: whole responses may come gzipped (kube-apiserver compresses those over 128 KiB: a 50,000-pod
    // list is ~27× smaller, and it is inflated on libuv's threads, off the event loop); streams never are
    if (!streaming) headers['Accept-Encoding'] = 'gzip';
    let payload: string | undefined;
    if (o.body !== undefined) {
      payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['Content-Type'] = o.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const opts: https.RequestOptions = {
      protocol: this.base.protocol,
      hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
      port: this.base.port || (this.base.protocol === 'https:' ? 443 : 80),
      path: basePath + o.path,
      method: o.method ?? 'GET',
      headers,
    };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      // exec plugin / token file failures: the cluster cannot be reached with these credentials
      throw unavailable(this.cluster, `credentials: ${(e as Error).message}`);
    }
    applyIdentity(opts, this.identity);
    if (!this.kc.getCurrentCluster()?.proxyUrl) opts.agent = this.agentFor(opts, streaming);
    const mod = this.base.protocol === 'http:' ? http : https;
    const timeoutMs = o.timeoutMs ?? this.requestTimeoutMs;

    return new Promise<http.IncomingMessage>((resolve, reject) => {
      let settled = false;
      const fail = (err: K8sApiError) => {
        if (settled) return;
        settled = true;
        req.destroy();
        reject(err);
      };
      const req = mod.request(opts, (res) => {
        clearTimeout(connectTimer);
        clearTimeout(headerTimer);
        if (settled) return res.resume();
        settled = true;
        resolve(res);
      });
      // connect timeout covers TCP + TLS only (a reused keep-alive socket has none); a busy but connected
      // server is governed by the header/idle timeouts below
      let connectTimer: NodeJS.Timeout | undefined;
      req.on('socket', (s) => {
        if (!s.connecting) return;
        connectTimer = setTimeout(
          () => fail(unavailable(this.cluster, `cluster did not answer within ${this.connectTimeoutMs} ms`)),
          this.connectTimeoutMs,
        );
        s.once(this.base.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      const headerTimeoutMs = streaming ? 30_000 : Math.max(timeoutMs, this.connectTimeoutMs);
      const headerTimer = setTimeout(
        () => fail(unavailable(this.cluster, `no response within ${headerTimeoutMs} ms`)),
        headerTimeoutMs,
      );
      req.on('close', () => {
        clearTimeout(connectTimer);
        clearTimeout(headerTimer);
      });
      if (timeoutMs > 0) {
        req.setTimeout(timeoutMs, () => fail(unavailable(this.cluster, `request timed out after ${timeoutMs} ms`)));
      }
      req.on('error', (e) => fail(unavailable(this.cluster, transportMessage(e))));
      if (o.signal) {
        if (o.signal.aborted) fail(unavailable(this.cluster, 'aborted'));
        o.signal.addEventListener('abort', () => fail(unavailable(this.cluster, 'aborted')), { once: true });
      }
      req.end(payload);
    });
  }

  /** Keep-alive agents, separate pools for watches (long-lived, unbounded) and requests. */
  private agentFor(opts: https.RequestOptions, streaming: boolean): http.Agent {
    const h = createHash('sha256');
    for (const v of [opts.ca, opts.cert, opts.key, opts.pfx, opts.passphrase, opts.servername, opts.rejectUnauthorized]) {
      h.update(String(v ?? '')).update('\0');
    }
    const key = `${streaming ? 'w' : 'r'}:${h.digest('hex')}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const common = { keepAlive: true, maxSockets: streaming ? Infinity : 16 };
      agent =
        this.base.protocol === 'http:'
          ? new http.Agent(common)
          : new https.Agent({
              ...common,
              ca: opts.ca,
              cert: opts.cert,
              key: opts.key,
              pfx: opts.pfx,
              passphrase: opts.passphrase,
              servername: opts.servername,
              ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}),
            });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/**
 * Identity headers, applied AFTER the kubeconfig's credentials so they win. Impersonate-* values come only from the
 * server-side session (never from a browser's headers: routes build upstream requests from scratch).
 */
function applyIdentity(opts: https.RequestOptions, id: Identity): void {
  const headers = (opts.headers ??= {}) as Record<string, string | string[]>;
  for (const h of Object.keys(headers)) if (/^impersonate-/i.test(h)) delete headers[h];
  if (id.kind === 'user') {
    headers['Impersonate-User'] = id.username;
    const groups = id.groups.filter((g) => g !== 'system:authenticated');
    if (groups.length) headers['Impersonate-Group'] = groups;
  } else if (id.kind === 'token') {
    // the person's token replaces every kubeconfig credential: no client certificate, no basic auth
    delete opts.cert;
    delete opts.key;
    delete opts.pfx;
    delete opts.passphrase;
    delete opts.auth;
    for (const h of Object.keys(headers)) if (/^authorization$/i.test(h)) delete headers[h];
    headers.Authorization = `Bearer ${id.token}`;
  }
}

function transportMessage(e: Error & { code?: string }): string {
  return e.code ? `${e.code}: ${e.message}` : e.message;
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const gzipped = /^\s*gzip\s*$/i.test(String(res.headers['content-encoding'] ?? ''));
    const body: NodeJS.ReadableStream = gzipped ? res.pipe(zlib.createGunzip()) : res;
    body.on('data', (c: Buffer) => chunks.push(c));
    body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.on('error', reject);
    if (gzipped) res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

function parseMaybeJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
