/**
 * The Fastify instance that serves /api. It does not own the HTTP server: main.ts routes /api/* to it,
 * /socket.io/ to socket.io and everything else to Next, all on one port.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import helmet from '@fastify/helmet';
import { cspDirectives, REFERRER_POLICY } from '../lib/security-headers';
import type { ApiError } from '../lib/protocol';

export interface HttpState {
  /** true once the cluster registry has loaded (readyz) */
  ready: boolean;
  /** true once shutdown began: readyz fails so load balancers stop sending traffic */
  draining: boolean;
}

export interface ApiOptions {
  logger: Logger;
  serverFactory: FastifyServerFactory;
  state: HttpState;
  dev?: boolean;
  /** whose X-Forwarded-Proto/-For to believe (WHEELHOUSE_TRUST_PROXY): the cookie's Secure flag and the client IP
   *  of login rate limits depend on it, so it is off unless configured */
  trustProxy?: boolean | number | string[];
}

export function createApi(opts: ApiOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    // a hop count is given to Fastify as the function it would build from it (its types omit the number form)
    trustProxy: typeof opts.trustProxy === 'number' ? hopsTrusted(opts.trustProxy) : (opts.trustProxy ?? false),
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    serverFactory: opts.serverFactory,
    bodyLimit: 3 * 1024 * 1024,
    // client-provided request ids are never trusted
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 253 },
  });

  // the same policy as Next's pages (next.config.ts): every /api answer, errors included, carries it.
  // HSTS is left to the TLS terminator (the console itself serves plain HTTP on loopback or behind an ingress).
  void app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives({ dev: !!opts.dev }) },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: REFERRER_POLICY },
    strictTransportSecurity: false,
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof ZodError) {
      const body: ApiError = {
        status: 400,
        reason: 'BadRequest',
        message: err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
        details: { causes: err.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) },
      };
      return reply.code(400).send(body);
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const reason =
      status === 413 ? 'RequestEntityTooLarge' : status === 415 ? 'UnsupportedMediaType' : status === 400 ? 'BadRequest' : status === 404 ? 'NotFound' : status === 429 ? 'TooManyRequests' : 'InternalError';
    const body: ApiError = { status, reason, message: status >= 500 ? 'internal error' : (e.message ?? reason) };
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const body: ApiError = { status: 404, reason: 'NotFound', message: `no API route ${req.method} ${req.url.split('?')[0]}` };
    return reply.code(404).send(body);
  });

  app.get('/api/healthz', async () => ({ status: 'ok' }));
  app.get('/api/readyz', async (_req, reply) => {
    if (opts.state.draining) return reply.code(503).send({ status: 'draining' });
    if (!opts.state.ready) return reply.code(503).send({ status: 'starting' });
    return { status: 'ok' };
  });

  return app;
}

function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
