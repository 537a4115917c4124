/**
 * Renders each page route once right after Next is prepared, so the first person to open a page does not pay
 * for loading its server modules: a cold route answered in ~400 ms instead of ~60 ms and, while loading,
 * blocked this one process's event loop — delaying that page's scripts, its socket and every other user.
 * The placeholder cluster and object names render the routes' "not found" states; only the module loading
 * matters. Production only (`next dev` would compile every page).
 */
import http from 'node:http';
import type { Logger } from 'pino';

export const WARM_PATHS = [
  '/',
  '/login',
  '/audit',
  '/port-forwards',
  '/c/_warmup',
  '/c/_warmup/create',
  '/c/_warmup/r/core/v1/pods',
  '/c/_warmup/r/core/v1/pods/_warmup/_warmup',
];

/** GETs each path in turn from `host:port` (a wildcard host is reached on loopback); never throws. */
export async function warmRoutes(host: string, port: number, logger?: Logger, paths = WARM_PATHS): Promise<number> {
  const target = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const t0 = performance.now();
  let warmed = 0;
  for (const p of paths) {
    const status = await new Promise<number>((resolve) => {
      const req = http.get({ host: target, port, path: p, headers: { 'user-agent': 'wheelhouse-warmup' }, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(0));
    });
    if (status > 0 && status < 500) warmed++;
  }
  logger?.debug({ warmed, ms: Math.round(performance.now() - t0) }, 'page routes warmed');
  return warmed;
}
