'use client';
import { usePathname, useRouter } from 'next/navigation';
import { clusterHref, listHref, parseRoute } from './routes';
import { useClusters } from './use-clusters';

/**
 * A native <select> (role combobox, name "Cluster"): keyboard and screen-reader behaviour for free.
 * Switching keeps the kind being viewed when on a list page; an object page falls back to its list
 * because the same object rarely exists in the other cluster.
 */
export function ClusterSwitcher() {
  const pathname = usePathname();
  const router = useRouter();
  const route = parseRoute(pathname);
  const { data } = useClusters();
  const clusters = data?.clusters ?? [];
  const current = route.cluster ?? '';
  const known = clusters.some((c) => c.id === current);

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Cluster</span>
      <select
        aria-label="Cluster"
        value={current}
        onChange={(e) => {
          const id = e.target.value;
          if (!id) return router.push('/');
          router.push(route.resource && route.version ? listHref(id, route.group ?? '', route.version, route.resource) : clusterHref(id));
        }}
        className="h-8 max-w-28 rounded-md sm:max-w-56 border border-line bg-surface px-2 text-sm text-fg"
      >
        <option value="">All clusters</option>
        {!known && current && <option value={current}>{current}</option>}
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.state === 'unreachable' ? ' (unreachable)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
