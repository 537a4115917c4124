/**
 * One schema form for built-in and custom kinds: JSON Schema with Kubernetes' x-kubernetes-* extensions and
 * `ref` (a bare definition name) instead of $ref. The documents render it as v2/v3; the navigator and the
 * validator walk it. Built-in definitions come from the generated data/definitions.json with the hand-kept
 * patch metadata merged in, loaded lazily on first use (about 0.7 MB).
 */
import fs from 'node:fs';
import type { KObject } from '../../types';
import { ATOMIC_STRUCTS, FIELD_PATCH_META } from './data/patch-meta';
import type { Gvk } from './types';

export interface KSchema {
  type?: string;
  format?: string;
  description?: string;
  ref?: string;
  items?: KSchema;
  additionalProperties?: KSchema | boolean;
  properties?: Record<string, KSchema>;
  required?: string[];
  enum?: unknown[];
  gvk?: Gvk[];
  nullable?: boolean;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [k: string]: unknown;
}

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const OBJECT_META = `${META}.ObjectMeta`;
export const LIST_META = `${META}.ListMeta`;
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

let builtins: Record<string, KSchema> | undefined;

/** All built-in definitions (with patch metadata), keyed by kube-openapi name. */
export function builtinDefinitions(): Record<string, KSchema> {
  if (builtins) return builtins;
  const url = new URL('./data/definitions.json', import.meta.url);
  const defs = JSON.parse(fs.readFileSync(url, 'utf8')) as Record<string, KSchema>;
  for (const [defName, fields] of Object.entries(FIELD_PATCH_META)) {
    const props = defs[defName]?.properties;
    if (!props) continue;
    for (const [field, m] of Object.entries(fields)) {
      const p = props[field];
      if (!p) continue;
      if (m.mergeKey) p['x-kubernetes-patch-merge-key'] = m.mergeKey;
      if (m.strategy) p['x-kubernetes-patch-strategy'] = m.strategy;
      if (m.listType) p['x-kubernetes-list-type'] = m.listType;
      if (m.listMapKeys) p['x-kubernetes-list-map-keys'] = m.listMapKeys;
      if (m.mapType) p['x-kubernetes-map-type'] = m.mapType;
    }
  }
  for (const n of ATOMIC_STRUCTS) if (defs[n]) defs[n]['x-kubernetes-map-type'] = 'atomic';
  defs[INT_OR_STRING]['x-kubernetes-int-or-string'] = true;
  for (const n of [
    'io.k8s.apimachinery.pkg.runtime.RawExtension',
    `${META}.FieldsV1`,
    'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  ]) {
    defs[n]['x-kubernetes-preserve-unknown-fields'] = true;
  }
  builtins = defs;
  return defs;
}

/**
 * A field's own keys merged over the definition it refers to, so a node carries both the field's patch
 * metadata and the definition's type/properties. CRD schemas may spell a ref as a one-entry allOf.
 */
const resolvedCache = new WeakMap<(n: string) => KSchema | undefined, WeakMap<KSchema, KSchema>>();

export function resolveSchema(s: KSchema, lookup: (n: string) => KSchema | undefined): KSchema {
  // Validation walks every field of every write: memoise per (lookup, node); definitions are immutable.
  let cache = resolvedCache.get(lookup);
  if (!cache) resolvedCache.set(lookup, (cache = new WeakMap()));
  const hit = cache.get(s);
  if (hit) return hit;
  const r = resolveUncached(s, lookup);
  cache.set(s, r);
  return r;
}

function resolveUncached(s: KSchema, lookup: (n: string) => KSchema | undefined): KSchema {
  let target: KSchema | undefined;
  if (s.ref) target = lookup(s.ref);
  else if (Array.isArray(s.allOf) && s.allOf.length === 1 && !s.type && !s.properties) target = s.allOf[0] as KSchema;
  if (!target) return s;
  const merged: KSchema = { ...resolveSchema(target, lookup), ...s };
  delete merged.ref;
  if (merged.allOf === s.allOf) delete merged.allOf;
  return merged;
}

/** Stable identity so resolveSchema's memo is shared by every caller. */
export const builtinLookup = (n: string): KSchema | undefined => builtinDefinitions()[n];

const crdSchemaCache = new WeakMap<object, KSchema>();

/** group -> version -> kind -> definition name: nested, so a lookup on every write builds no key string. */
const gvkIndex = new Map<string, Map<string, Map<string, string>>>();
/** Definition name of a built-in kind, e.g. apps/v1 Deployment -> io.k8s.api.apps.v1.Deployment. */
export function builtinKindDefinition(gvk: Gvk): string | undefined {
  if (!gvkIndex.size) {
    for (const [name, d] of Object.entries(builtinDefinitions())) {
      for (const g of d.gvk ?? []) {
        if (name.startsWith(`${META}.`)) continue;
        let versions = gvkIndex.get(g.group);
        if (!versions) gvkIndex.set(g.group, (versions = new Map()));
        let kinds = versions.get(g.version);
        if (!kinds) versions.set(g.version, (kinds = new Map()));
        kinds.set(g.kind, name);
      }
    }
  }
  return gvkIndex.get(gvk.group)?.get(gvk.version)?.get(gvk.kind);
}

/** Names of the definitions `root` refers to, transitively (itself included). */
export function referencedDefinitions(roots: string[], lookup: (n: string) => KSchema | undefined): Set<string> {
  const seen = new Set<string>();
  const visit = (s: KSchema | undefined) => {
    if (!s || typeof s !== 'object') return;
    if (s.ref && !seen.has(s.ref)) {
      seen.add(s.ref);
      visit(lookup(s.ref));
    }
    if (s.items) visit(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') visit(s.additionalProperties);
    for (const p of Object.values(s.properties ?? {})) visit(p);
  };
  for (const r of roots) {
    seen.add(r);
    visit(lookup(r));
  }
  return seen;
}

/** A CustomResourceDefinition's pieces this module needs (unvalidated JSON: read defensively). */
export interface CrdVersionInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  namespaced: boolean;
  schema?: KSchema;
  hasStatus: boolean;
  hasScale: boolean;
}

// CRDs arrive as unvalidated JSON; reading them loosely (and defensively) is the point here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

export function crdVersions(crd: KObject): CrdVersionInfo[] {
  const spec = (crd.spec ?? {}) as LooseJson;
  const names = (spec.names ?? {}) as Record<string, string>;
  if (!spec.group || !names.kind) return [];
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  return versions
    .filter((v: LooseJson) => v && v.served !== false && typeof v.name === 'string')
    .map((v: LooseJson) => ({
      group: spec.group,
      version: v.name,
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural ?? `${names.kind.toLowerCase()}s`,
      namespaced: spec.scope !== 'Cluster',
      schema: v.schema?.openAPIV3Schema as KSchema | undefined,
      hasStatus: !!v.subresources?.status,
      hasScale: !!v.subresources?.scale,
    }));
}

/** Custom resources get reverse-DNS definition names, like the real apiserver: com.example.stable.v1.CronTab. */
export function crdDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

const TYPE_DESC = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  metadata:
    "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

/** The served schema of a custom resource: the CRD's openAPIV3Schema with typed apiVersion/kind/metadata. */
export function crdObjectSchema(v: CrdVersionInfo): KSchema {
  const base: KSchema = v.schema && typeof v.schema === 'object' ? structuredClone(v.schema) : {};
  const preserve = !v.schema || base['x-kubernetes-preserve-unknown-fields'] === true;
  return {
    ...base,
    type: 'object',
    ...(preserve ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
    properties: {
      ...(base.properties ?? {}),
      apiVersion: { type: 'string', description: TYPE_DESC.apiVersion },
      kind: { type: 'string', description: TYPE_DESC.kind },
      metadata: { ref: OBJECT_META, description: TYPE_DESC.metadata },
    },
    gvk: [{ group: v.group, version: v.version, kind: v.kind }],
  };
}

export function crdListSchema(v: CrdVersionInfo): KSchema {
  return {
    type: 'object',
    description: `${v.listKind} is a list of ${v.kind}`,
    required: ['items'],
    properties: {
      apiVersion: { type: 'string', description: TYPE_DESC.apiVersion },
      items: {
        type: 'array',
        description: `List of ${v.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        items: { ref: crdDefinitionName(v.group, v.version, v.kind) },
      },
      kind: { type: 'string', description: TYPE_DESC.kind },
      metadata: { ref: LIST_META, description: TYPE_DESC.metadata },
    },
    gvk: [{ group: v.group, version: v.version, kind: v.listKind }],
  };
}

/** The schema of any served kind (built-in or custom) plus the lookup that resolves its refs. */
export function kindSchema(
  gvk: Gvk,
  crds: KObject[],
): { name: string; schema: KSchema; lookup: (n: string) => KSchema | undefined } | undefined {
  const defs = builtinDefinitions();
  const builtin = builtinKindDefinition(gvk);
  const lookup = builtinLookup;
  if (builtin) return { name: builtin, schema: defs[builtin], lookup };
  for (const crd of crds) {
    for (const v of crdVersions(crd)) {
      if (v.group === gvk.group && v.version === gvk.version && v.kind === gvk.kind) {
        // Keyed on the CRD's schema object: the kind registry hands out the same objects until the CRD changes.
        let schema = v.schema && typeof v.schema === 'object' ? crdSchemaCache.get(v.schema) : undefined;
        if (!schema) {
          schema = crdObjectSchema(v);
          if (v.schema && typeof v.schema === 'object') crdSchemaCache.set(v.schema, schema);
        }
        return { name: crdDefinitionName(v.group, v.version, v.kind), schema, lookup };
      }
    }
  }
  return undefined;
}
