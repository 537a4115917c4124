/**
 * schemaNavigator: a lazily resolved walk through one kind's schema for the strategic-merge and
 * server-side-apply code. Refs are followed on demand (the schemas are recursive, e.g. JSONSchemaProps), and
 * the patch metadata sits on the node of the field that carries it (the list or map), as in the spec.
 */
import type { KObject } from '../../types';
import { kindSchema, resolveSchema as resolve, type KSchema } from './schema-store';
import type { Gvk, SchemaNode } from './types';

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

export function makeNode(raw: KSchema, lookup: (n: string) => KSchema | undefined): SchemaNode {
  const s = resolve(raw, lookup);
  const type = typeof s.type === 'string' && TYPES.has(s.type) ? (s.type as SchemaNode['type']) : undefined;
  const intOrString = s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string';
  const node: SchemaNode = {
    type: intOrString ? undefined : type,
    field(name) {
      const p = s.properties?.[name];
      return p ? makeNode(p, lookup) : undefined;
    },
    items() {
      return s.items && typeof s.items === 'object' ? makeNode(s.items, lookup) : undefined;
    },
    additionalProperties() {
      const ap = s.additionalProperties;
      return ap && typeof ap === 'object' ? makeNode(ap, lookup) : undefined;
    },
  };
  if (s['x-kubernetes-patch-merge-key']) node.patchMergeKey = s['x-kubernetes-patch-merge-key'];
  if (s['x-kubernetes-patch-strategy']) node.patchStrategy = s['x-kubernetes-patch-strategy'];
  if (s['x-kubernetes-list-type']) node.listType = s['x-kubernetes-list-type'];
  if (s['x-kubernetes-list-map-keys']) node.listMapKeys = s['x-kubernetes-list-map-keys'];
  if (s['x-kubernetes-map-type']) node.mapType = s['x-kubernetes-map-type'];
  if (intOrString) node.intOrString = true;
  if (s['x-kubernetes-preserve-unknown-fields'] === true) node.preserveUnknownFields = true;
  return node;
}

export function schemaNavigator(gvk: Gvk, crds: KObject[]): SchemaNode | undefined {
  const k = kindSchema(gvk, crds);
  return k ? makeNode(k.schema, k.lookup) : undefined;
}
