/**
 * Object keys as client-go's cache.MetaNamespaceKeyFunc writes them: "namespace/name" for namespaced objects,
 * "name" for cluster-scoped ones. Used by work queues, stores and caches alike.
 */
export function namespacedKey(namespace: string | undefined | null, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The key of an object from its metadata. */
export function keyOf(o: { metadata: { namespace?: string | null; name?: string | null } }): string {
  return namespacedKey(o.metadata.namespace, o.metadata.name ?? '');
}

/** SplitMetaNamespaceKey: [namespace | undefined, name]. */
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}
