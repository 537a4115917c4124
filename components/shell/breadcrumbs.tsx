'use client';
import { NavLink } from '@/components/ui/nav-link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useId, useRef, useState } from 'react';
import { useDismiss } from '@/components/ui/use-dismiss';
import { ChevronRight, MoreHorizontal } from 'lucide-react';
import { pluralLabel } from './nav-model';
import { clusterHref, listHref, parseNsParam, parseRoute } from './routes';
import { useDiscovery } from './use-clusters';
import { useHydrated } from '@/components/ui/use-hydrated';
import { kindByResource } from '@/lib/k8s/registry';
import { AUDIT_PATH } from '@/components/auth/user-menu';

/** cluster pages that are not a kind's list or object: /c/<cluster>/<segment>/… */
const CLUSTER_PAGES: Record<string, string> = { changes: 'Changes', compare: 'Compare', drift: 'Drift' };

interface Crumb {
  label: string;
  href?: string;
}

export function Breadcrumbs() {
  const pathname = usePathname();
  const params = useSearchParams();
  const ns = parseNsParam(params.get('ns'));
  const r = parseRoute(pathname);
  const discovery = useDiscovery(r.cluster);
  const hydrated = useHydrated();

  const crumbs: Crumb[] = [{ label: 'Overview', href: '/' }];
  if (pathname === AUDIT_PATH) crumbs.push({ label: 'Audit log' });
  if (pathname === '/changes') crumbs.push({ label: 'Changes' });
  if (r.cluster) crumbs.push({ label: r.cluster, href: clusterHref(r.cluster, ns) });
  const page = r.cluster ? CLUSTER_PAGES[pathname.split('/')[3] ?? ''] : undefined;
  if (page) crumbs.push({ label: page });
  if (r.cluster && r.resource && r.version) {
    const known = kindByResource(r.group ?? '', r.resource);
    const d = hydrated ? discovery.data?.resources : undefined;
    const found = d?.find((x) => x.group === r.group && x.resource === r.resource);
    crumbs.push({
      label: known?.title ?? (found ? pluralLabel(found.kind) : r.resource),
      href: listHref(r.cluster, r.group ?? '', r.version, r.resource, ns),
    });
    if (r.name) {
      if (r.namespace) crumbs.push({ label: r.namespace, href: listHref(r.cluster, r.group ?? '', r.version, r.resource, [r.namespace]) });
      crumbs.push({ label: r.name });
    }
  }
  return <Trail crumbs={crumbs} />;
}

/**
 * First and last crumbs always show; the last (the current page) in full. The ones between fold into a menu
 * ("Show path") below 1,280 px, where they would otherwise be squeezed to a letter each.
 */
function Trail({ crumbs }: { crumbs: Crumb[] }) {
  const last = crumbs.length - 1;
  const middle = crumbs.slice(1, last);
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1 text-sm">
        {crumbs.map((c, i) => {
          const folded = i > 0 && i < last;
          const item = (
            <li key={i} className={folded ? 'hidden min-w-0 items-center gap-1 xl:flex' : i === last ? 'flex min-w-0 items-center gap-1' : 'flex shrink-0 items-center gap-1'}>
              {i > 0 && <ChevronRight aria-hidden className="h-3.5 w-3.5 shrink-0 text-muted" />}
              {i === last ? (
                <span aria-current="page" className="font-medium break-all">
                  {c.label}
                </span>
              ) : (
                <NavLink href={c.href!} className="truncate text-fg-muted hover:text-fg hover:underline">
                  {c.label}
                </NavLink>
              )}
            </li>
          );
          return i === 0 && middle.length > 0 ? [item, <FoldedCrumbs key="folded" crumbs={middle} />] : item;
        })}
      </ol>
    </nav>
  );
}

function FoldedCrumbs({ crumbs }: { crumbs: Crumb[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(open, useCallback(() => setOpen(false), []), root, button);
  return (
    <li ref={root} className="relative flex shrink-0 items-center gap-1 xl:hidden">
      <ChevronRight aria-hidden className="h-3.5 w-3.5 shrink-0 text-muted" />
      <button
        ref={button}
        type="button"
        aria-label="Show path"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="flex h-6 min-w-6 items-center justify-center rounded px-1 text-fg-muted hover:bg-surface-2 hover:text-fg"
      >
        <MoreHorizontal aria-hidden className="h-4 w-4" />
      </button>
      {open && (
        <ul id={id} aria-label="Path" className="absolute top-full left-0 z-40 mt-1 min-w-44 max-w-[calc(100vw-2rem)] rounded-card border border-line bg-surface py-1 shadow-lg">
          {crumbs.map((c, i) => (
            <li key={i}>
              <NavLink href={c.href!} onClick={() => setOpen(false)} className="block truncate px-3 py-1.5 text-sm hover:bg-surface-2">
                {c.label}
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
