/**
 * /openapi/v2, /openapi/v3 and /openapi/v3/<gv> documents. Built lazily on first request and cached by a
 * fingerprint of what they depend on (the served kinds of that group-version and the CRDs of that group),
 * so adding a CRD changes the hash kubectl sees in the v3 index and old documents age out of the cache.
 */
import crypto from 'node:crypto';
import type { ServedKind } from '../../kinds';
import type { KObject } from '../../types';
import { kindPaths } from './paths';
import { renderDefinitions } from './render';
import { encodeOpenApiV2 } from './v2-protobuf';
import { crdObjectSchemaV2 } from './crd-v2';
import {
  builtinDefinitions,
  builtinKindDefinition,
  crdDefinitionName,
  crdListSchema,
  crdObjectSchema,
  crdVersions,
  type CrdVersionInfo,
  type KSchema,
  META,
  referencedDefinitions,
} from './schema-store';

/** Definitions every group-version document carries because its operations refer to them. */
const ALWAYS = [`${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`, `${META}.APIResourceList`];

interface GvContent {
  defs: Map<string, KSchema>;
  roots: string[];
  paths: Record<string, unknown>;
}

function gvKey(g: string, v: string) {
  return g ? `apis/${g}/${v}` : `api/${v}`;
}

/** Group-versions in served order of appearance, CRD group-versions included. */
export function servedGroupVersions(served: ServedKind[], crds: KObject[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const k of served) seen.set(gvKey(k.group, k.version), { group: k.group, version: k.version });
  for (const c of crds) for (const v of crdVersions(c)) seen.set(gvKey(v.group, v.version), { group: v.group, version: v.version });
  return [...seen.values()];
}

function crdVersionFor(crds: KObject[], group: string, version: string, kind: string): CrdVersionInfo | undefined {
  for (const c of crds) for (const v of crdVersions(c)) if (v.group === group && v.version === version && v.kind === kind) return v;
  return undefined;
}

/** Served kinds of a group-version; CRD versions not (yet) in `served` are added so their docs exist at once. */
function kindsOf(group: string, version: string, served: ServedKind[], crds: KObject[]): ServedKind[] {
  const kinds = served.filter((k) => k.group === group && k.version === version);
  for (const c of crds) {
    for (const v of crdVersions(c)) {
      if (v.group !== group || v.version !== version || kinds.some((k) => k.kind === v.kind)) continue;
      kinds.push({
        group, version, kind: v.kind, resource: v.plural, namespaced: v.namespaced, singular: v.kind.toLowerCase(),
        listKind: v.listKind, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        subresources: [...(v.hasStatus ? ['status'] : []), ...(v.hasScale ? ['scale'] : [])],
      });
    }
  }
  return kinds;
}

function gvContent(group: string, version: string, served: ServedKind[], crds: KObject[], v: 'v2' | 'v3'): GvContent {
  const builtins = builtinDefinitions();
  const defs = new Map<string, KSchema>();
  const roots = [...ALWAYS];
  const paths: Record<string, unknown> = {};
  for (const k of kindsOf(group, version, served, crds)) {
    let kindDef = builtinKindDefinition(k);
    let listDef = builtinKindDefinition({ ...k, kind: k.listKind });
    let custom = false;
    if (!kindDef) {
      const crv = crdVersionFor(crds, group, version, k.kind);
      kindDef = crdDefinitionName(group, version, k.kind);
      listDef = crdDefinitionName(group, version, k.listKind);
      // Kinds with neither a built-in definition nor a CRD (e.g. metrics) get an open schema.
      defs.set(kindDef, crv ? (v === 'v2' ? crdObjectSchemaV2(crv) : crdObjectSchema(crv)) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, gvk: [{ group, version, kind: k.kind }] });
      defs.set(listDef, crdListSchema(crv ?? { group, version, kind: k.kind, listKind: k.listKind, plural: k.resource, namespaced: k.namespaced, hasScale: false, hasStatus: false }));
      custom = true;
    }
    listDef ??= `${META}.List`;
    roots.push(kindDef, listDef);
    if (k.subresources?.includes('scale')) roots.push('io.k8s.api.autoscaling.v1.Scale');
    Object.assign(paths, kindPaths({ v, kind: k, kindDef, listDef, custom }));
  }
  const lookup = (n: string) => defs.get(n) ?? builtins[n];
  for (const n of referencedDefinitions(roots, lookup)) {
    const s = lookup(n);
    if (s) defs.set(n, s);
  }
  return { defs, roots, paths };
}

/** Small LRU: several sandboxes and CRD changes produce a bounded number of distinct documents. */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private max: number) {}
  get(k: string, make: () => V): V {
    const hit = this.map.get(k);
    if (hit !== undefined) {
      this.map.delete(k);
      this.map.set(k, hit);
      return hit;
    }
    const v = make();
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return v;
  }
}

const v3Cache = new Lru<{ doc: object; hash: string } | undefined>(64);
const v2Cache = new Lru<object>(4);
const v2PbCache = new WeakMap<object, Uint8Array>();

function fingerprint(group: string, version: string | undefined, served: ServedKind[], crds: KObject[]): string {
  const kinds = served.filter((k) => k.group === group && (!version || k.version === version));
  const groupCrds = crds
    .filter((c) => (c.spec as { group?: string } | undefined)?.group === group)
    .map((c) => c.spec);
  return crypto.createHash('sha1').update(JSON.stringify([group, version, kinds, groupCrds])).digest('hex');
}

function buildV3(group: string, version: string, served: ServedKind[], crds: KObject[]) {
  const kinds = kindsOf(group, version, served, crds);
  if (!kinds.length) return undefined;
  const c = gvContent(group, version, served, crds, 'v3');
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths: c.paths,
    components: {
      schemas: renderDefinitions(c.defs.keys(), (n) => c.defs.get(n), 'v3'),
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
  const hash = crypto.createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
  return { doc, hash };
}

function cachedV3(group: string, version: string, served: ServedKind[], crds: KObject[]) {
  return v3Cache.get(`${group}/${version}/${fingerprint(group, version, served, crds)}`, () => buildV3(group, version, served, crds));
}

export function openapiV3GroupVersion(group: string, version: string, served: ServedKind[], crds: KObject[]): object | undefined {
  return cachedV3(group, version, served, crds)?.doc;
}

export function openapiV3Index(served: ServedKind[], crds: KObject[]): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of servedGroupVersions(served, crds)) {
    const built = cachedV3(group, version, served, crds);
    if (!built) continue;
    const key = gvKey(group, version);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${built.hash}` };
  }
  return { paths };
}

export function openapiV2(served: ServedKind[], crds: KObject[]): object {
  const key = crypto.createHash('sha1').update(JSON.stringify([served, crds.map((c) => c.spec)])).digest('hex');
  return v2Cache.get(key, () => {
    const defs = new Map<string, KSchema>();
    const paths: Record<string, unknown> = {};
    for (const { group, version } of servedGroupVersions(served, crds)) {
      const c = gvContent(group, version, served, crds, 'v2');
      for (const [n, s] of c.defs) defs.set(n, s);
      Object.assign(paths, c.paths);
    }
    return {
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.32.0' },
      paths,
      definitions: renderDefinitions(defs.keys(), (n) => defs.get(n), 'v2'),
      securityDefinitions: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
      security: [{ BearerToken: [] }],
    };
  });
}

/** The same document as openapiV2, gnostic-protobuf encoded (what kubectl requests; see v2-protobuf.ts). */
export function openapiV2Protobuf(served: ServedKind[], crds: KObject[]): Uint8Array {
  const doc = openapiV2(served, crds);
  let pb = v2PbCache.get(doc);
  if (!pb) v2PbCache.set(doc, (pb = encodeOpenApiV2(doc as Record<string, unknown>)));
  return pb;
}
