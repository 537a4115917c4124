/**
 * Serves Next's build output under /_next/static/ from memory, compressed ONCE per file.
 * Next's own server gzips every response on every request; its chunks are content-hashed and immutable, so
 * in this one process (which also runs the data plane and, by default, the sandboxes) that repeated work only
 * delayed a page's scripts by seconds under load. Each file is read and compressed (brotli and gzip) the first
 * time it is asked for — or ahead of time by warm() after start-up — then answered from the cache with
 * `Cache-Control: immutable`. Anything not found falls through to Next (which answers 404 the Next way).
 * Hand-written: @fastify/static is not installed and the console's pages are not served by Fastify.
 */
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const PREFIX = '/_next/static/';
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.map', '.svg', '.txt']);

interface Asset {
  type: string;
  raw: Buffer;
  br?: Buffer;
  gz?: Buffer;
}

export interface StaticAssets {
  /**
   * Takes the request when it is for /_next/static/ (returns true) and answers it, or hands it to `next`
   * when no such file exists; returns false for any other URL.
   */
  handle(req: http.IncomingMessage, res: http.ServerResponse, next: () => void): boolean;
  /** compresses every file ahead of time, a file per macrotask, so first visits find them ready */
  warm(): Promise<number>;
}

/** `headers` are added to every answer (the console's security headers, as Next would send them). */
export function staticAssets(distDir: string, headers: { key: string; value: string }[] = []): StaticAssets {
  const root = path.join(distDir, 'static');
  const cache = new Map<string, Promise<Asset | undefined>>();

  const load = (rel: string): Promise<Asset | undefined> => {
    let p = cache.get(rel);
    if (!p) {
      p = (async () => {
        const file = path.join(root, rel);
        if (!file.startsWith(root + path.sep)) return undefined;
        const raw = await fs.readFile(file).catch(() => undefined);
        if (!raw) return undefined;
        const ext = path.extname(file);
        const asset: Asset = { type: TYPES[ext] ?? 'application/octet-stream', raw };
        if (COMPRESSIBLE.has(ext) && raw.length > 1024) {
          [asset.br, asset.gz] = await Promise.all([
            brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzip(raw, { level: 6 }),
          ]);
        }
        return asset;
      })();
      cache.set(rel, p);
      // a file that is not there may appear with the next build: don't remember the miss
      void p.then((a) => {
        if (!a) cache.delete(rel);
      });
    }
    return p;
  };

  const relOf = (url: string): string | undefined => {
    const pathname = url.split('?')[0];
    if (!pathname.startsWith(PREFIX)) return undefined;
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(PREFIX.length));
    } catch {
      return undefined;
    }
    if (!rel || rel.includes('\0') || rel.split('/').some((s) => s === '..' || s === '.' || s === '')) return undefined;
    return rel;
  };

  return {
    handle(req, res, next) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const rel = relOf(req.url ?? '');
      if (!rel) return false;
      // answered asynchronously; on a miss `next` gets the request untouched (nothing has been written yet)
      void serve(req, res, rel, next);
      return true;
    },
    async warm() {
      const files = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      let loaded = 0;
      for (const f of files) {
        if (!f.isFile()) continue;
        const rel = path.relative(root, path.join(f.parentPath ?? f.path, f.name)).split(path.sep).join('/');
        if (await load(rel)) loaded++;
        await new Promise((r) => setImmediate(r));
      }
      return loaded;
    },
  };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, rel: string, next: () => void): Promise<void> {
    const asset = await load(rel);
    if (!asset) return next();
    const accept = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] = asset.br && /\bbr\b/.test(accept) ? [asset.br, 'br'] : asset.gz && /\bgzip\b/.test(accept) ? [asset.gz, 'gzip'] : [asset.raw, undefined];
    for (const h of headers) res.setHeader(h.key, h.value);
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
