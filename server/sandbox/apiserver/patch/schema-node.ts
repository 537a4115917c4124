/**
 * How the patch code reads the OpenAPI helper's SchemaNode: which child schema a key has, and how a
 * list or map merges. One place, so strategic merge patch and server-side apply agree on the schema.
 */
import type { SchemaNode } from '../openapi';

export type { SchemaNode };

/**
 * The navigator builds a fresh node on every field()/items() call (resolving refs each time); the
 * walks here ask for the same children over and over, so each public entry point wraps its root
 * once in this memoizing view. Wrapped roots are cached per navigator object.
 */
const memoRoots = new WeakMap<SchemaNode, SchemaNode>();
const memoViews = new WeakSet<SchemaNode>();

export function memoSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node || memoViews.has(node)) return node;
  const hit = memoRoots.get(node);
  if (hit) return hit;
  const m = wrap(node);
  memoRoots.set(node, m);
  return m;
}

function wrap(node: SchemaNode): SchemaNode {
  const fields = new Map<string, SchemaNode | undefined>();
  let items: SchemaNode | undefined | null = null;
  let extra: SchemaNode | undefined | null = null;
  const view: SchemaNode = {
    ...node,
    field(name) {
      if (!fields.has(name)) {
        const f = node.field(name);
        fields.set(name, f ? wrap(f) : undefined);
      }
      return fields.get(name);
    },
    items() {
      if (items === null) {
        const i = node.items();
        items = i ? wrap(i) : undefined;
      }
      return items;
    },
    additionalProperties() {
      if (extra === null) {
        const a = node.additionalProperties();
        extra = a ? wrap(a) : undefined;
      }
      return extra;
    },
  };
  memoViews.add(view);
  return view;
}

/** Schema of `key` inside an object schema: a declared property, else the map's value schema. */
export function childNode(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (!node) return undefined;
  return node.field(key) ?? node.additionalProperties();
}

/** A declared property of a struct (not a key of a map such as labels). */
export function isDeclaredField(node: SchemaNode | undefined, key: string): boolean {
  return !!node?.field(key);
}

/**
 * A struct: an object schema whose keys are declared properties. Server-side apply does not count a
 * struct as a member of a field set by itself (the real server compares against a zero-valued Go
 * struct, where non-pointer structs already exist), while maps such as labels are.
 */
export function isStruct(node: SchemaNode | undefined): boolean {
  return !!node && node.type === 'object' && !node.additionalProperties() && !node.preserveUnknownFields;
}

/** Strategies from x-kubernetes-patch-strategy ("merge,retainKeys" -> ["merge","retainKeys"]). */
export function patchStrategies(node: SchemaNode | undefined): string[] {
  return (node?.patchStrategy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The strategy besides retainKeys, as upstream extractRetainKeysPatchStrategy returns it. */
export function mainPatchStrategy(node: SchemaNode | undefined): string {
  return patchStrategies(node).find((s) => s !== 'retainKeys') ?? '';
}

export type ListKind = { kind: 'map'; keys: string[] } | { kind: 'set' } | { kind: 'atomic' };

/**
 * How server-side apply treats a list. x-kubernetes-list-type wins; without it the built-in
 * types' patch strategy decides (merge+key = associative, merge alone = set), as kube-openapi's
 * schema conversion does; anything else is atomic.
 */
export function listKind(node: SchemaNode | undefined): ListKind {
  if (!node) return { kind: 'atomic' };
  if (node.listType === 'map' && node.listMapKeys && node.listMapKeys.length > 0) {
    return { kind: 'map', keys: [...node.listMapKeys] };
  }
  if (node.listType === 'set') return { kind: 'set' };
  if (node.listType === 'atomic') return { kind: 'atomic' };
  if (patchStrategies(node).includes('merge')) {
    return node.patchMergeKey ? { kind: 'map', keys: [node.patchMergeKey] } : { kind: 'set' };
  }
  return { kind: 'atomic' };
}

export function isAtomicMap(node: SchemaNode | undefined): boolean {
  return node?.mapType === 'atomic';
}

/**
 * Default of a list-map key field that the object omitted. The OpenAPI documents carry
 * `default: "TCP"` for port protocols; SchemaNode may expose it as `default`.
 */
export function keyDefault(itemNode: SchemaNode | undefined, key: string): unknown {
  const n = itemNode?.field(key) as (SchemaNode & { default?: unknown }) | undefined;
  if (n && n.default !== undefined) return n.default;
  if (key === 'protocol') return 'TCP';
  return undefined;
}
