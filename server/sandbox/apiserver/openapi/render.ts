/**
 * Renders the internal KSchema form as served OpenAPI: v3 (components/schemas, refs wrapped in allOf next to
 * a description, exactly as kube-openapi does and kubectl's explain templates and strategic-patch lookup
 * expect) or v2 (definitions, sibling $ref + description, which kube's v2 output also uses).
 */
import type { KSchema } from './schema-store';

export type OpenApiVersion = 'v2' | 'v3';

const NESTED_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
/** JSON Schema keywords OpenAPI v2 has no room for; the real apiserver drops them from v2 too. */
const V2_DROP = new Set(['nullable', 'anyOf', 'oneOf', 'not']);

type Lookup = (n: string) => KSchema | undefined;

/**
 * v3: kube-openapi gives struct-typed list items and map values `default: {}`, which forces the ref into an
 * allOf (3.0 ignores $ref siblings). kubectl's patch-meta resolver reads allOf[0] first, then $ref.
 */
function v3Element(s: KSchema, lookup: Lookup | undefined): Record<string, unknown> {
  const out = renderSchema(s, 'v3', lookup);
  if (s.ref && typeof out.$ref === 'string' && lookup?.(s.ref)?.type === 'object') {
    return { allOf: [{ $ref: out.$ref }], default: {} };
  }
  return out;
}

export function renderSchema(s: KSchema, v: OpenApiVersion, lookup?: Lookup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const refBase = v === 'v3' ? '#/components/schemas/' : '#/definitions/';
  for (const [k, val] of Object.entries(s)) {
    if (val === undefined) continue;
    if (k === 'ref') continue;
    if (v === 'v2' && V2_DROP.has(k)) continue;
    if (k === 'gvk') {
      out['x-kubernetes-group-version-kind'] = val;
    } else if (k === 'properties' && val && typeof val === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(val as Record<string, KSchema>).map(([pk, pv]) => [pk, renderSchema(pv, v, lookup)]),
      );
    } else if ((k === 'items' || k === 'additionalProperties') && val && typeof val === 'object' && !Array.isArray(val)) {
      out[k] = v === 'v3' ? v3Element(val as KSchema, lookup) : renderSchema(val as KSchema, v, lookup);
    } else if (k === 'not' && val && typeof val === 'object') {
      out[k] = renderSchema(val as KSchema, v, lookup);
    } else if ((NESTED_LISTS as readonly string[]).includes(k) && Array.isArray(val)) {
      out[k] = val.map((x) => renderSchema(x as KSchema, v, lookup));
    } else {
      out[k] = val;
    }
  }
  if (s.ref) {
    const ref = { $ref: refBase + s.ref };
    const siblings = Object.keys(out).length > 0;
    if (v === 'v2' || !siblings) Object.assign(out, ref);
    else out.allOf = [ref];
  }
  return out;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * v3 spells the two scalar-union types with oneOf and no type (kube-openapi's OpenAPIV3OneOfTypes), which is
 * why `kubectl explain` prints them as <IntOrString> / <Quantity> rather than <string>.
 */
function v3Scalar(name: string, s: KSchema): Record<string, unknown> | undefined {
  if (name === INT_OR_STRING) {
    return { description: s.description, format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
  }
  if (name === QUANTITY) return { description: s.description, oneOf: [{ type: 'string' }, { type: 'number' }] };
  return undefined;
}

export function renderDefinitions(names: Iterable<string>, lookup: Lookup, v: OpenApiVersion): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of [...names].sort()) {
    const s = lookup(n);
    if (s) out[n] = (v === 'v3' && v3Scalar(n, s)) || renderSchema(s, v, lookup);
  }
  return out;
}
