/**
 * Ranking for the command palette (pure, tested). Matching is case-insensitive on the name; an exact
 * name beats a prefix, a prefix beats a substring, and ties keep the order of the searched kinds.
 */
export interface ObjectHit {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function matchScore(name: string, query: string): number {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (!q) return 0;
  if (n === q) return 3;
  if (n.startsWith(q)) return 2;
  if (n.includes(q)) return 1;
  return 0;
}

export function searchObjects(hits: readonly ObjectHit[], query: string, limit = 50): ObjectHit[] {
  const q = query.trim();
  if (q.length < 2) return [];
  const scored: Array<{ h: ObjectHit; s: number; i: number }> = [];
  hits.forEach((h, i) => {
    const s = matchScore(h.name, q);
    if (s > 0) scored.push({ h, s, i });
  });
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.h);
}

export interface KindEntry {
  kind: string;
  title: string;
  plural: string;
  shortNames?: string[];
}

/** Kind matches on its title, kind, plural or a short name ("deploy", "svc"). */
export function kindMatches(k: KindEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    k.title.toLowerCase().includes(q) ||
    k.kind.toLowerCase().includes(q) ||
    k.plural.includes(q) ||
    (k.shortNames ?? []).some((s) => s === q)
  );
}
