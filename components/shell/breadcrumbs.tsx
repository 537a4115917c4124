'use client';
import { NavLink } from '@/components/ui/nav-link';
import { usePathname, useSearchParams } from 'next/navigation';
import { ChevronRight } from 'lucide-react';
import { pluralLabel } from './nav-model';
import { clusterHref, listHref, parseNsParam, parseRoute } from './routes';
import { useDiscovery } from './use-clusters';
import { useHydrated } from '@/components/ui/use-hydrated';
import { kindByResource } from '@/lib/k8s/registry';
import { AUDIT_PATH } from '@/components/auth/user-menu';

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
  if (r.cluster) crumbs.push({ label: r.cluster, href: clusterHref(r.cluster, ns) });
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
  // the last crumb is the current page
  const last = crumbs.length - 1;

  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1 text-sm">
        {crumbs.map((c, i) => (
          <li key={i} className="flex min-w-0 items-center gap-1">
            {i > 0 && <ChevronRight aria-hidden className="h-3.5 w-3.5 shrink-0 text-muted" />}
            {i === last ? (
              <span aria-current="page" className="truncate font-medium">
                {c.label}
              </span>
            ) : (
              <NavLink href={c.href!} className="truncate text-fg-muted hover:text-fg hover:underline">
                {c.label}
              </NavLink>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
