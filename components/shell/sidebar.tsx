'use client';
import { NavLink } from '@/components/ui/nav-link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Anchor, History, LayoutDashboard, LayoutGrid, Ship } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusDot } from '@/components/ui/status-dot';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useAccess } from '@/lib/access';
import type { AccessCheck } from '@/lib/auth-types';
import { buildNav, filterNav, type NavItem, type NavSection } from './nav-model';
import { navKinds } from './nav-kinds';
import { clusterHref, listHref, parseNsParam, parseRoute, withNs } from './routes';
import { useClusters, useDiscovery } from './use-clusters';
import { Tooltip } from '@/components/ui/tooltip';

const itemClass = (active: boolean) =>
  cn('flex items-center gap-2 rounded-md px-2.5 py-1 text-sm', active ? 'bg-accent/12 font-medium text-accent' : 'text-fg hover:bg-surface-2');

/** at most this many selected namespaces are asked about per kind */
const MAX_NS_CHECKS = 5;

/**
 * RBAC: only the kinds the user may `list` — cluster-wide, or in any of the selected namespaces for namespaced
 * kinds. Unknown (pending or failed checks) counts as allowed: the list page shows the server's 403 anyway.
 */
function useListable(cluster: string, sections: NavSection[], ns: string[]): NavSection[] {
  const items = sections.flatMap((s) => s.items);
  const scopes = (it: NavItem) => (it.namespaced && ns.length ? ns.slice(0, MAX_NS_CHECKS) : [undefined]);
  const checks: AccessCheck[] = items.flatMap((it) =>
    scopes(it).map((namespace) => ({
      verb: 'list' as const,
      group: it.group,
      resource: it.resource,
      namespace,
    })),
  );
  const decisions = useAccess(cluster, checks);
  const visible = new Set<string>();
  let i = 0;
  for (const it of items) {
    for (const _ of scopes(it)) if (decisions[i++]!.allowed) visible.add(it.key);
  }
  return filterNav(sections, (it) => visible.has(it.key));
}

function ClusterNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const ns = parseNsParam(params.get('ns'));
  const route = parseRoute(pathname);
  const hydrated = useHydrated();
  const q = useDiscovery(cluster);
  // until hydrated, render what the server rendered (no discovery yet)
  const discovery = hydrated
    ? q
    : {
        data: undefined,
        isPending: true,
        isError: false as const,
        error: null,
      };
  const sections = useListable(cluster, buildNav(navKinds, discovery.data?.resources), ns);
  const dashboard = `/c/${encodeURIComponent(cluster)}`;
  const helmHref = `${dashboard}/helm`;
  const changesHref = `${dashboard}/changes`;

  return (
    <>
      <NavLink href={clusterHref(cluster, ns)} className={itemClass(pathname === dashboard)} aria-current={pathname === dashboard ? 'page' : undefined}>
        <LayoutDashboard aria-hidden className="h-4 w-4 text-fg-muted" />
        Dashboard
      </NavLink>
      <NavLink href={helmHref} className={itemClass(pathname.startsWith(helmHref))} aria-current={pathname === helmHref ? 'page' : undefined}>
        <Anchor aria-hidden className="h-4 w-4 text-fg-muted" />
        Helm releases
      </NavLink>
      <NavLink href={withNs(changesHref, ns)} className={itemClass(pathname === changesHref)} aria-current={pathname === changesHref ? 'page' : undefined}>
        <History aria-hidden className="h-4 w-4 text-fg-muted" />
        Changes
      </NavLink>
      {sections.map((s) => (
        <div key={s.title} className="mt-3">
          <h3 className="px-2.5 pb-1 text-2xs font-semibold tracking-wide text-fg-muted uppercase">{s.title}</h3>
          <ul>
            {s.items.map((it) => {
              const active = route.resource === it.resource && route.group === it.group;
              return (
                <li key={it.key}>
                  <Tooltip content={it.group ? `${it.kind} (${it.group})` : it.kind}>
                    <NavLink
                      href={listHref(cluster, it.group, it.version, it.resource, it.namespaced ? ns : undefined)}
                      className={itemClass(active)}
                      aria-current={active && !route.name ? 'page' : undefined}
                    >
                      <span className="truncate">{it.label}</span>
                    </NavLink>
                  </Tooltip>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {discovery.isPending && (
        <div className="mt-3 space-y-1.5 px-2.5" aria-hidden>
          <Skeleton className="h-3 w-24" />
          <Skeleton className="h-3 w-32" />
        </div>
      )}
      {discovery.isError && (
        <p className="mt-3 px-2.5 text-xs break-words text-error">
          Discovery failed: custom resources are not listed.
          {discovery.error?.message ? ` ${discovery.error.message}` : ''}
        </p>
      )}
    </>
  );
}

/*
 * On the overview the clusters are listed with their state but NOT as links: the cluster cards are the
 * links named by the cluster name, and a second link with the same name would make that name ambiguous.
 */
function ClusterList() {
  const { data, isPending } = useClusters();
  const hydrated = useHydrated();
  if (isPending || !hydrated) return <Skeleton className="mx-2.5 h-3 w-28" />;
  return (
    <ul>
      {(data?.clusters ?? []).map((c) => (
        <li key={c.id} className="flex items-center gap-2 px-2.5 py-1 text-sm text-fg-muted">
          <StatusDot tone={c.state === 'connected' ? 'ok' : c.state === 'unreachable' ? 'error' : 'info'} label={c.state} />
          <Tooltip content={c.error ?? c.state} focusable>
            <span className="truncate">{c.name}</span>
          </Tooltip>
        </li>
      ))}
    </ul>
  );
}

export function SidebarBody() {
  const pathname = usePathname();
  const { cluster } = parseRoute(pathname);
  return (
    <>
      <NavLink href="/" className={itemClass(pathname === '/')} aria-current={pathname === '/' ? 'page' : undefined}>
        <LayoutGrid aria-hidden className="h-4 w-4 text-fg-muted" />
        Overview
      </NavLink>
      {!cluster && (
        <NavLink href="/helm" className={itemClass(pathname === '/helm')} aria-current={pathname === '/helm' ? 'page' : undefined}>
          <Anchor aria-hidden className="h-4 w-4 text-fg-muted" />
          Helm releases
        </NavLink>
      )}
      {!cluster && (
        <NavLink href="/changes" className={itemClass(pathname === '/changes')} aria-current={pathname === '/changes' ? 'page' : undefined}>
          <History aria-hidden className="h-4 w-4 text-fg-muted" />
          Changes
        </NavLink>
      )}
      {cluster ? (
        <div className="mt-3">
          <p className="truncate px-2.5 pb-1 text-xs font-semibold text-fg-muted">{cluster}</p>
          <ClusterNav cluster={cluster} />
        </div>
      ) : (
        <div className="mt-3">
          <h3 className="px-2.5 pb-1 text-2xs font-semibold tracking-wide text-fg-muted uppercase">Clusters</h3>
          <ClusterList />
        </div>
      )}
    </>
  );
}

export function SidebarBrand() {
  return (
    <NavLink href="/" className="flex h-header items-center gap-2 border-b border-line px-4 font-semibold">
      <Ship aria-hidden className="h-5 w-5 text-accent" />
      Wheelhouse
    </NavLink>
  );
}
