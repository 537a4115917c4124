'use client';
import { useMemo, useState } from 'react';
import { useRouter, usePathname } from 'next/navigation';
import { useQueries } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { Box, LayoutDashboard, LayoutGrid, List, Moon } from 'lucide-react';
import { k8sQueries } from '@/lib/k8s/client';
import { kinds } from '@/lib/k8s/registry';
import { useClusters } from '@/components/shell/use-clusters';
import { buildNav } from '@/components/shell/nav-model';
import { navKinds } from '@/components/shell/nav-kinds';
import { clusterHref, listHref, objectHref, parseRoute } from '@/components/shell/routes';
import { toggleTheme } from '@/components/shell/theme';
import { setPaletteOpen, usePaletteOpen } from './palette-store';
import { kindMatches, searchObjects } from './search-index';
import { useObjectSearchSource } from './use-object-search';

const MAX_KINDS = 40;
const shortNamesOf = new Map<string, string[]>();

const itemClass =
  'flex cursor-pointer items-center gap-2.5 rounded-md px-3 py-1.5 text-sm data-[selected=true]:bg-accent/12 data-[selected=true]:text-fg';
const groupClass =
  '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-2xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-fg-muted [&_[cmdk-group-heading]]:uppercase';

/**
 * Ctrl/Cmd-K: jump to any kind (registry + each cluster's discovery, so CRDs too) or any object by name
 * across clusters. Filtering is ours (shouldFilter=false): cmdk's fuzzy scorer over thousands of
 * objects would be slow, and exact/prefix/substring ranking is what people expect for names.
 */
export function CommandPaletteDialog() {
  const open = usePaletteOpen();
  const router = useRouter();
  const pathname = usePathname();
  const current = parseRoute(pathname).cluster;
  const [query, setQuery] = useState('');
  const clusters = useClusters().data?.clusters ?? [];
  // current cluster first: its kinds and objects are the likeliest targets
  const ordered = [...clusters].sort((a, b) => Number(b.id === current) - Number(a.id === current));
  const connected = ordered.filter((c) => c.state === 'connected');

  const discoveries = useQueries({
    queries: connected.map((c) => ({
      ...k8sQueries.discovery(c.id),
      staleTime: 60_000,
      enabled: open,
    })),
  });
  const q = query.trim();
  const objects = useObjectSearchSource(ordered, open && q.length >= 2);
  const objectHits = useMemo(() => searchObjects(objects.hits, q), [objects.hits, q]);

  const kindItems = connected.flatMap((c, i) => {
    const res = discoveries[i]?.data?.resources;
    for (const r of res ?? []) if (r.shortNames?.length) shortNamesOf.set(`${r.group}/${r.resource}`, r.shortNames);
    return buildNav(navKinds, res).flatMap((s) =>
      s.items
        .filter((it) => kindMatches({ kind: it.kind, title: it.label, plural: it.resource, shortNames: shortNamesOf.get(it.key) }, q))
        .map((it) => ({ cluster: c, it })),
    );
  });
  // With no query, only the current (or first) cluster's kinds: the list stays short.
  const shownKinds = (q ? kindItems : kindItems.filter((k) => k.cluster.id === (current ?? connected[0]?.id))).slice(0, MAX_KINDS);

  const go = (href: string) => {
    setPaletteOpen(false);
    setQuery('');
    router.push(href);
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(o) => {
        setPaletteOpen(o);
        if (!o) setQuery('');
      }}
      label="Command palette"
      shouldFilter={false}
      loop
      overlayClassName="fixed inset-0 z-40 bg-black/40"
      contentClassName="fixed top-[12vh] left-1/2 z-50 w-[min(40rem,92vw)] -translate-x-1/2 overflow-hidden rounded-card border border-line bg-surface text-fg shadow-2xl"
    >
      <Command.Input
        value={query}
        onValueChange={setQuery}
        placeholder="Jump to a kind, or type 2+ letters of an object name…"
        className="h-12 w-full border-b border-line bg-transparent px-4 text-base outline-none placeholder:text-fg-muted"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-1.5">
        {objects.loading && <Command.Loading className="px-3 py-2 text-xs text-fg-muted">Searching clusters…</Command.Loading>}
        <Command.Empty className="px-3 py-6 text-center text-sm text-fg-muted">
          {q.length < 2 ? 'Type a kind (e.g. "deploy") or at least two letters of a name.' : `Nothing named like “${q}” in the common kinds of any connected cluster.`}
        </Command.Empty>

        {objectHits.length > 0 && (
          <Command.Group heading="Objects" className={groupClass}>
            {objectHits.map((h) => {
              const k = kinds.find((x) => x.group === h.group && x.plural === h.resource);
              const href = objectHref(h.cluster, h.group, h.version, h.resource, k?.namespaced === false ? undefined : h.namespace, h.name);
              return (
                <Command.Item key={`${h.cluster}/${h.resource}/${h.namespace ?? ''}/${h.name}`} value={href} onSelect={() => go(href)} className={itemClass}>
                  <Box aria-hidden className="h-4 w-4 shrink-0 text-fg-muted" />
                  <span className="w-24 shrink-0 truncate text-xs text-fg-muted">{h.kind}</span>
                  <span className="min-w-0 flex-1 truncate font-mono">
                    {h.namespace ? `${h.namespace}/` : ''}
                    {h.name}
                  </span>
                  <span className="shrink-0 text-xs text-fg-muted">{h.cluster}</span>
                </Command.Item>
              );
            })}
          </Command.Group>
        )}

        {shownKinds.length > 0 && (
          <Command.Group heading="Kinds" className={groupClass}>
            {shownKinds.map(({ cluster, it }) => {
              const href = listHref(cluster.id, it.group, it.version, it.resource);
              return (
                <Command.Item key={href} value={href} onSelect={() => go(href)} className={itemClass}>
                  <List aria-hidden className="h-4 w-4 shrink-0 text-fg-muted" />
                  <span className="min-w-0 flex-1 truncate">
                    {it.label}
                    {it.group && <span className="ml-1.5 text-xs text-fg-muted">{it.group}</span>}
                  </span>
                  <span className="shrink-0 text-xs text-fg-muted">{cluster.name}</span>
                </Command.Item>
              );
            })}
          </Command.Group>
        )}

        <Command.Group heading="Go to" className={groupClass}>
          {(!q || 'overview'.includes(q.toLowerCase())) && (
            <Command.Item value="/" onSelect={() => go('/')} className={itemClass}>
              <LayoutGrid aria-hidden className="h-4 w-4 text-fg-muted" />
              Overview
            </Command.Item>
          )}
          {ordered
            .filter((c) => !q || c.name.toLowerCase().includes(q.toLowerCase()) || 'dashboard'.includes(q.toLowerCase()))
            .map((c) => (
              <Command.Item key={c.id} value={clusterHref(c.id)} onSelect={() => go(clusterHref(c.id))} className={itemClass}>
                <LayoutDashboard aria-hidden className="h-4 w-4 text-fg-muted" />
                {c.name} dashboard
              </Command.Item>
            ))}
          {(!q || 'toggle theme'.includes(q.toLowerCase())) && (
            <Command.Item
              value="action:theme"
              onSelect={() => {
                toggleTheme();
                setPaletteOpen(false);
              }}
              className={itemClass}
            >
              <Moon aria-hidden className="h-4 w-4 text-fg-muted" />
              Toggle theme
            </Command.Item>
          )}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
