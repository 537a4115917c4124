/** The release list's filters (pure). */
import type { HelmReleaseRow } from '@/lib/helm/types';

export function filterReleases(rows: HelmReleaseRow[], o: { text: string; status: string; namespaces: string[] }): HelmReleaseRow[] {
  const t = o.text.trim().toLowerCase();
  return rows
    .filter((r) => (o.status ? r.status === o.status : true))
    .filter((r) => (o.namespaces.length ? o.namespaces.includes(r.namespace) : true))
    .filter((r) => !t || [r.name, r.namespace, r.chart ?? '', r.cluster].some((v) => v.toLowerCase().includes(t)))
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
