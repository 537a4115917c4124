/**
 * The cluster's own OpenAPI v3 documents for the YAML editor's schemas (built-ins and CRDs alike):
 *   GET /api/clusters/:cluster/openapi/v3                 → { paths: { "apis/apps/v1": {...}, ... } }
 *   GET /api/clusters/:cluster/openapi/v3/api/v1          → the core/v1 document
 *   GET /api/clusters/:cluster/openapi/v3/apis/<g>/<v>    → a group-version document
 * Fetched through the cluster's client (its credentials never reach the browser) and cached per cluster and
 * group-version under the hash the index gives each document, so a new or changed CRD (a new hash) is
 * fetched again while unchanged documents (hundreds of KB each) are served from memory. The index itself is
 * re-read at most every INDEX_TTL_MS. Browsers revalidate with the hash as ETag.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { groupName, versionName } from '../../lib/protocol';
import { notFound } from '../k8s/errors';
import type { K8sClient } from '../k8s/client';
import { clusterParams, parse, type RouteDeps } from './common';

const INDEX_TTL_MS = 5_000;
/** without a hash in the index (older clusters) a document is re-fetched after this long */
const UNHASHED_TTL_MS = 5 * 60_000;
const MAX_DOCS = 256;

const indexSchema = z.object({ paths: z.record(z.string(), z.object({ serverRelativeURL: z.string() }).passthrough()) });
type OpenApiIndex = z.infer<typeof indexSchema>;

/** `api/v1` or `apis/<group>/<version>`, each part validated like any other tuple (convention 8). */
export const gvPath = z
  .string()
  .max(320)
  .refine((s) => {
    const parts = s.split('/');
    if (parts.length === 2 && parts[0] === 'api') return versionName.safeParse(parts[1]).success;
    if (parts.length === 3 && parts[0] === 'apis') return parts[1] !== '' && groupName.safeParse(parts[1]).success && versionName.safeParse(parts[2]).success;
    return false;
  }, 'must be api/<version> or apis/<group>/<version>');

interface CachedIndex {
  client: K8sClient;
  at: number;
  index: OpenApiIndex;
}
interface CachedDoc {
  key: string;
  at: number;
  body: string;
}

export class OpenApiCache {
  private indexes = new Map<string, CachedIndex>();
  private inflightIndex = new Map<string, Promise<OpenApiIndex>>();
  private docs = new Map<string, CachedDoc>();
  private inflightDocs = new Map<string, Promise<CachedDoc>>();
  /** upstream fetches, for tests and diagnostics */
  fetches = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async index(cluster: string, client: K8sClient): Promise<OpenApiIndex> {
    const c = this.indexes.get(cluster);
    if (c && c.client === client && this.now() - c.at < INDEX_TTL_MS) return c.index;
    let p = this.inflightIndex.get(cluster);
    if (!p) {
      p = (async () => {
        this.fetches++;
        const raw = await client.request({ path: '/openapi/v3' });
        const index = indexSchema.parse(raw);
        this.indexes.set(cluster, { client, at: this.now(), index });
        return index;
      })().finally(() => this.inflightIndex.delete(cluster));
      this.inflightIndex.set(cluster, p);
    }
    return p;
  }

  /** The document's JSON text and its cache key (the index hash, or the upstream URL). */
  async document(cluster: string, client: K8sClient, path: string): Promise<CachedDoc> {
    const index = await this.index(cluster, client);
    const entry = index.paths[path];
    if (!entry) throw notFound(`the cluster serves no OpenAPI v3 document for ${path}`, cluster);
    // only follow the index's URL when it stays under /openapi/v3/ (it carries the hash the cluster caches by)
    const rel = entry.serverRelativeURL;
    const upstream = rel.startsWith(`/openapi/v3/${path}`) && !rel.includes('..') ? rel : `/openapi/v3/${path}`;
    const hash = new URL(upstream, 'http://x').searchParams.get('hash');
    const key = hash ?? upstream;
    const docKey = `${cluster}\0${path}`;
    const cached = this.docs.get(docKey);
    if (cached && cached.key === key && (hash || this.now() - cached.at < UNHASHED_TTL_MS)) return cached;
    const flight = `${docKey}\0${key}`;
    let p = this.inflightDocs.get(flight);
    if (!p) {
      p = (async () => {
        this.fetches++;
        const doc = await client.request({ path: upstream });
        const d: CachedDoc = { key, at: this.now(), body: JSON.stringify(doc) };
        this.docs.delete(docKey);
        this.docs.set(docKey, d);
        while (this.docs.size > MAX_DOCS) this.docs.delete(this.docs.keys().next().value!);
        return d;
      })().finally(() => this.inflightDocs.delete(flight));
      this.inflightDocs.set(flight, p);
    }
    return p;
  }

  forget(cluster: string): void {
    this.indexes.delete(cluster);
    for (const k of [...this.docs.keys()]) if (k.startsWith(`${cluster}\0`)) this.docs.delete(k);
  }
}

export async function openapiRoutes(app: FastifyInstance, deps: RouteDeps, cache = new OpenApiCache()): Promise<void> {
  deps.registry.onChange((c) => cache.forget(c.id));

  app.get('/api/clusters/:cluster/openapi/v3', async (req, reply) => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    const index = await cache.index(cluster, deps.registry.client(cluster));
    void reply.header('Cache-Control', 'no-cache');
    // the browser needs the names only: the upstream URLs (and hashes) stay here
    return { paths: Object.fromEntries(Object.keys(index.paths).map((k) => [k, {}])) };
  });

  app.get('/api/clusters/:cluster/openapi/v3/*', async (req, reply) => {
    const params = parse(clusterParams.extend({ '*': gvPath }), req.params, 'path');
    const doc = await cache.document(params.cluster, deps.registry.client(params.cluster), params['*']);
    const etag = `"${doc.key.length > 200 ? doc.key.slice(0, 200) : doc.key}"`.replace(/[^\x21-\x7e]/g, '');
    void reply.header('Cache-Control', 'no-cache').header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json').send(doc.body);
  });
}
