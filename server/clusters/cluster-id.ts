/** Cluster ids are DNS-1123 labels derived from context names, unique within the registry. */
export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return s || 'cluster';
}

/** First free id among slug, slug-2, slug-3 ... (suffix kept inside 63 characters). */
export function uniqueId(name: string, taken: (id: string) => boolean): string {
  const base = slugify(name);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `-${i}`;
    const id = base.slice(0, 63 - suffix.length).replace(/-+$/g, '') + suffix;
    if (!taken(id)) return id;
  }
}
