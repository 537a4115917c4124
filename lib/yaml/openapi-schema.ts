/**
 * Converts a cluster's OpenAPI v3 group-version documents into one JSON Schema for monaco-yaml: component
 * schemas become `definitions` with local $refs, Kubernetes extensions become plain JSON Schema
 * (int-or-string → oneOf string|integer, preserve-unknown-fields → additionalProperties true), and each
 * document of a multi-document YAML gets the schema its apiVersion/kind names (if/then per kind).
 * Objects that list their properties reject unknown fields, as the API server does with strict validation.
 */
import { isPlainObject } from './clean';

type Schema = Record<string, unknown>;
export interface OpenApiDoc {
  components?: { schemas?: Record<string, Schema> };
}
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const REF_PREFIX = '#/components/schemas/';

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The component that x-kubernetes-group-version-kind names as this kind. */
export function findKindSchema(doc: OpenApiDoc, gvk: Gvk): string | undefined {
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) {
    const list = s['x-kubernetes-group-version-kind'];
    if (Array.isArray(list) && list.some((x) => isPlainObject(x) && x.group === gvk.group && x.version === gvk.version && x.kind === gvk.kind)) return name;
  }
  return undefined;
}

function defName(name: string): string {
  // definitions keys must be usable in a JSON pointer
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function convertNode(node: unknown, refs: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => convertNode(n, refs));
  if (!isPlainObject(node)) return node;
  const s = node as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
      const target = v.slice(REF_PREFIX.length);
      refs.add(target);
      out.$ref = `#/definitions/${defName(target)}`;
    } else if (k === 'properties' || k === 'patternProperties') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([pk, pv]) => [pk, convertNode(pv, refs)]));
    } else if (k.startsWith('x-') || k === 'nullable' || k === 'example' || k === '__proto__') {
      // extensions are handled below; not JSON Schema keywords
    } else {
      out[k] = convertNode(v, refs);
    }
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.oneOf = [{ type: 'string' }, { type: 'integer' }];
  }
  if (s['x-kubernetes-preserve-unknown-fields'] === true) {
    out.additionalProperties = true;
  } else if (out.type === 'object' && isPlainObject(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (s.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  // the OpenAPI v3 documents wrap refs as allOf:[{$ref}] to attach a description: keep both
  return out;
}

/** definitions reachable from the roots, converted. */
function collect(doc: OpenApiDoc, roots: string[], into: Record<string, unknown>): void {
  const all = doc.components?.schemas ?? {};
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift()!;
    const key = defName(name);
    if (key in into || !all[name]) continue;
    const refs = new Set<string>();
    into[key] = convertNode(all[name], refs);
    for (const r of refs) if (!(defName(r) in into)) queue.push(r);
  }
}

export interface KindSource {
  gvk: Gvk;
  doc: OpenApiDoc;
}

/**
 * One schema for a whole (multi-document) YAML model: each known kind applies when its apiVersion and kind
 * match; documents of unknown kinds only need apiVersion, kind and metadata.
 */
export function buildDocumentSchema(sources: KindSource[]): Schema {
  const definitions: Record<string, unknown> = {};
  const allOf: Schema[] = [];
  const known: string[] = [];
  for (const { gvk, doc } of sources) {
    const root = findKindSchema(doc, gvk);
    if (!root) continue;
    collect(doc, [root], definitions);
    const apiVersion = apiVersionOf(gvk.group, gvk.version);
    known.push(`${apiVersion} ${gvk.kind}`);
    allOf.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: gvk.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${defName(root)}` },
    });
  }
  return {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', description: 'The versioned schema of this object, e.g. apps/v1.' },
      kind: { type: 'string', description: 'The kind of object, e.g. Deployment.' },
      metadata: { type: 'object' },
    },
    allOf,
    definitions,
    description: known.length ? `Schemas from the cluster's /openapi/v3 for ${known.join(', ')}` : undefined,
  };
}

/** `api/v1` or `apis/<group>/<version>`: the key of a group-version in the /openapi/v3 index. */
export function openApiPathOf(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}
