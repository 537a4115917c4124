/**
 * The console process: ONE Node process, ONE port. /api/* goes to Fastify (the BFF), /socket.io/ to socket.io,
 * everything else to Next.js. The listener opens first, so /api/healthz answers at once while the sandboxes,
 * the cluster registry and Next start; /api/readyz turns 200 when the registry has loaded.
 * Authentication (server/auth) is set up before the listener opens: the first-start admin password is logged then,
 * and the socket.io handshake check is in place before any socket can connect. ONE audit log serves the auth
 * events and the data plane's writes. The state store (server/store: PGlite in the data dir, or PostgreSQL with
 * DATABASE_URL) starts opening at once, in parallel with the sandboxes; the console is ready only once it is open
 * and migrated, and a store that cannot open ends the process (exit 2) like any other configuration error.
 */
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino, { type Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { plainEventParser } from './watch/plain-encoder';
import next from 'next';
import { loadConfig, type Config } from './config';
import { createApi, type HttpState } from './http';
import { startSandboxes, type RunningSandboxes } from './sandboxes';
import { createDataPlane, type DataPlane } from './data-plane';
import { socketOriginCheck } from './origin';
import { createAuditLog } from './audit';
import { createAuth, registerAuth, socketAuth } from './auth/plugin';
import { securityHeaders } from '../lib/security-headers';
import { staticAssets } from './static-assets';
import { warmRoutes } from './warmup';
import { provideOverviewSnapshot } from '../lib/overview-snapshot';
import { identityFromCookie } from './auth/cookie-identity';
import { createExecPlane, type ExecPlane } from './exec';
import { openStore, type Store } from './store';
import { historyDb } from './history/history-store';
import { startAuditRetention } from './store/audit-retention';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningConsole {
  url: string;
  port: number;
  /** resolves when every part is up (store migrated, registry loaded, Next prepared) */
  ready: Promise<void>;
  /** the open state store; rejects when it cannot be opened (bad DATABASE_URL, failed migration) */
  store: Promise<Store>;
  sandboxKubeconfig?: string;
  stop(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startConsole(config: Config, logger: Logger): Promise<RunningConsole> {
  const state: HttpState = { ready: false, draining: false };
  let apiHandler: Handler | undefined;
  let nextHandler: Handler | undefined;

  const starting: Handler = (req, res) => {
    const p = (req.url ?? '/').split('?')[0];
    if (p === '/api/healthz') return json(res, 200, { status: 'ok' });
    if (p === '/api/readyz') return json(res, 503, { status: 'starting' });
    res.setHeader('Retry-After', '2');
    return json(res, 503, { status: 503, reason: 'ServiceUnavailable', message: 'Wheelhouse is starting' });
  };

  // production only: `next dev` compiles chunks on request
  const assets = config.dev ? undefined : staticAssets(path.join(ROOT, '.next'), securityHeaders({ dev: false }));
  const toNext: Handler = (req, res) => (nextHandler ?? starting)(req, res);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) return (apiHandler ?? starting)(req, res);
    if (assets?.handle(req, res, () => toNext(req, res))) return;
    return toNext(req, res);
  });
  server.keepAliveTimeout = 65_000;

  const storeOpening = openStore({
    databaseUrl: config.store.databaseUrl,
    dataDir: config.store.pgliteDir,
    pgliteTemplate: config.store.pgliteTemplate,
    poolMax: config.store.poolMax,
    logger: logger.child({ part: 'store' }),
  });
  // observed here so an early failure is not an unhandled rejection; `ready` and main() report it
  storeOpening.catch(() => undefined);
  if (config.inCluster && !config.store.databaseUrl) {
    logger.warn({ dataDir: config.store.pgliteDir }, 'no DATABASE_URL: the embedded store is this pod’s alone; with more than one replica, logouts and the audit log are not shared (docs/store.md)');
  }

  const audit = createAuditLog({ store: storeOpening, logger: logger.child({ part: 'audit' }) });
  const auth = await createAuth({ config, audit, logger, store: storeOpening });

  const io = new SocketServer(server, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 1e6,
    // see README: websocket-only transport, so no sticky sessions are needed behind a load balancer
    transports: ['websocket'],
    // cross-site WebSocket hijacking: a browser page from another origin may not open a socket (server/origin.ts)
    allowRequest: socketOriginCheck(config.allowedOrigins),
    // upgrades of other paths (terminals at /api/exec) are answered below, not destroyed by engine.io
    destroyUpgrade: false,
    // list frames skip socket.io-parser's binary walk (server/watch/plain-encoder.ts)
    parser: plainEventParser,
  });
  let execPlane: ExecPlane | undefined;
  // each terminal is its own WebSocket (server/exec), never the socket.io connection
  server.on('upgrade', (req, socket, head) => {
    const p = (req.url ?? '/').split('?')[0];
    if (p.startsWith('/socket.io/')) return;
    if (execPlane?.handleUpgrade(req, socket, head)) return;
    socket.end(p === '/api/exec' ? 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  const detachSocketAuth = socketAuth(io, { auth });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, auth: config.auth.mode }, 'listening');
  if (config.auth.mode === 'none') {
    logger.warn({ url }, 'authentication is OFF (--auth none): anyone who can reach this loopback port acts with the console’s own cluster credentials');
  }

  let sandboxes: RunningSandboxes | undefined;
  let retention: { stop(): void } | undefined;
  let dataPlane: DataPlane | undefined;
  let nextApp: ReturnType<typeof next> | undefined;

  const ready = (async () => {
    const [sb, store] = await Promise.all([config.sandbox.enabled ? startSandboxes(config, logger) : undefined, storeOpening]);
    sandboxes = sb;
    retention = startAuditRetention(store, config.store.auditRetentionMs, logger.child({ part: 'audit' }));
    const kubeconfigFiles = [...config.kubeconfigFiles, ...(sandboxes ? [sandboxes.kubeconfigPath] : [])];
    dataPlane = await createDataPlane({
      kubeconfigFiles,
      inCluster: config.inCluster,
      serviceAccountDir: config.serviceAccountDir,
      logger: logger.child({ part: 'clusters' }),
      audit,
      store,
      metrics: { intervalMs: config.metrics.intervalMs, prometheus: config.metrics.prometheus },
      // the overview is the landing page: its cards' summaries start as clusters connect
      summaryWarmup: {},
      history: {
        db: historyDb(store),
        record: config.history.enabled,
        retention: { maxAgeMs: config.history.maxAgeMs, maxBytes: config.history.maxBytes },
      },
    });

    let captured: Handler | undefined;
    const api = createApi({
      logger: logger.child({ part: 'api' }),
      state,
      dev: config.dev,
      trustProxy: config.trustProxy,
      serverFactory: (handler) => {
        captured = handler as Handler;
        return server;
      },
    });
    // at the root and before the data plane's routes: its hooks gate every /api route (server/auth/plugin.ts)
    await registerAuth(api, { config, registry: dataPlane.registry, audit, logger, auth });
    await dataPlane.registerRoutes(api);
    const terminals = createExecPlane({ registry: dataPlane.registry, access: dataPlane.guard.reviewer, audit, auth, config: config.exec, logger });
    await terminals.registerRoutes(api);
    await api.ready();
    apiHandler = captured;
    execPlane = terminals;
    dataPlane.attachSocket(io);
    // the overview page's server render shows the cards with the summaries the console already has
    const dp = dataPlane;
    provideOverviewSnapshot(async (cookieHeader) => {
      const identity = await identityFromCookie(auth, cookieHeader);
      return identity ? dp.overviewSnapshot(identity) : undefined;
    });

    nextApp = next({ dev: config.dev, dir: ROOT, hostname: config.host, port, httpServer: server, quiet: !config.dev });
    await nextApp.prepare();
    const handle = nextApp.getRequestHandler();
    nextHandler = (req, res) => void handle(req, res);
    void assets?.warm();

    // ready only once the pages' server modules are loaded (server/warmup.ts)
    await Promise.all([dataPlane.ready, config.dev ? undefined : warmRoutes(config.host, port, logger)]);
    state.ready = true;
    logger.info({ url, clusters: kubeconfigFiles.length, sandbox: !!sandboxes }, 'ready');
  })();
  ready.catch((err) => logger.fatal({ err }, 'start-up failed'));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      state.draining = true;
      // stop accepting new connections; in-flight requests finish, idle keep-alives close now
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      detachSocketAuth();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // terminals, port-forwards and node-shell pods end before the clusters they talk to stop
      provideOverviewSnapshot(undefined);
      await execPlane?.stop();
      await Promise.allSettled([dataPlane?.stop(), sandboxes?.stop()]);
      await closed;
      auth.sessions?.revocations.stop();
      retention?.stop();
      await audit.flush?.();
      // last: every request that could still write (audit, sessions) has finished
      await storeOpening.then((s) => s.close(), () => undefined);
      await (nextApp as unknown as { close?: () => Promise<void> })?.close?.();
    })());

  return { url, port, ready, store: storeOpening, stop, get sandboxKubeconfig() { return sandboxes?.kubeconfigPath; } };
}

function json(res: http.ServerResponse, code: number, body: unknown) {
  // start-up answers carry the same security headers as Fastify's (server/http.ts)
  const security = Object.fromEntries(securityHeaders({ dev: false }).map((h) => [h.key, h.value]));
  res.writeHead(code, { ...security, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(`wheelhouse: ${(err as Error).message}`);
    process.exit(2);
  }
  const logger = pino({ level: config.logLevel, base: { app: 'wheelhouse' } });
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const running = await startConsole(config, logger).catch((err: Error) => {
    // e.g. an unreadable data dir or session secret: say so and exit like other configuration errors
    logger.fatal({ err: err.message }, 'cannot start');
    process.exit(2);
  });
  running.store.catch((err: Error) => {
    logger.fatal({ err: err.message }, 'cannot open the state store');
    void running.stop().finally(() => process.exit(2));
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('shutdown timed out: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    running.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
