/**
 * The OpenAPI v2 form of a CRD's schema as the apiextensions builder publishes it (ToStructuralOpenAPIV2 and
 * buildKubeNative): kubectl's client-side validation reads v2 and cannot cope with nullable, untyped or
 * preserve-unknown-fields nodes that still list properties, so those lose their properties/items/type; a
 * root that preserves unknown fields is published as a bare `type: object`.
 */
import type { KSchema } from './schema-store';
import { crdObjectSchema, type CrdVersionInfo } from './schema-store';

function toV2(s: KSchema): KSchema {
  const out: KSchema = { ...s };
  if (out.nullable) {
    delete out.type;
    delete out.nullable;
    delete out.items;
    delete out.properties;
  }
  if (out['x-kubernetes-preserve-unknown-fields'] === true) {
    delete out.items;
    delete out.properties;
  }
  if (!out.items && out.type === 'array') delete out.type;
  if (out['x-kubernetes-preserve-unknown-fields'] === true && out.type === 'object') delete out.type;
  if (out['x-kubernetes-int-or-string'] === true) delete out.type;
  if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, toV2(v)]));
  if (out.items && typeof out.items === 'object') out.items = toV2(out.items);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = toV2(out.additionalProperties);
  return out;
}

export function crdObjectSchemaV2(v: CrdVersionInfo): KSchema {
  if (!v.schema || v.schema['x-kubernetes-preserve-unknown-fields'] === true) {
    return { type: 'object', gvk: [{ group: v.group, version: v.version, kind: v.kind }] };
  }
  const full = crdObjectSchema({ ...v, schema: toV2(v.schema) });
  return full;
}
