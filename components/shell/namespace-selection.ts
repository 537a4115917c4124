'use client';
/**
 * The namespace selection of a cluster page: the URL (?ns=a,b) is the truth, so links can be shared
 * and reloaded; localStorage remembers the last selection per cluster and restores it when a page of
 * that cluster is opened without ?ns. [] means all namespaces.
 */
import { useCallback, useEffect, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { parseNsParam } from './routes';

const storageKey = (cluster: string) => `wheelhouse:ns:${cluster}`;

/** The selection remembered for a cluster ([] = none or all). */
export function readStored(cluster: string): string[] {
  try {
    return parseNsParam(localStorage.getItem(storageKey(cluster)));
  } catch {
    return [];
  }
}

function store(cluster: string, ns: string[]) {
  try {
    if (ns.length) localStorage.setItem(storageKey(cluster), ns.join(','));
    else localStorage.removeItem(storageKey(cluster));
  } catch {
    // storage unavailable: the URL still carries the selection
  }
}

export function useNamespaceSelection(cluster: string) {
  const params = useSearchParams();
  const pathname = usePathname();
  const raw = params.get('ns');
  const fromUrl = parseNsParam(raw);
  // The URL catches up asynchronously (router transition); show the user's choice at once meanwhile.
  const [pending, setPending] = useState<string[] | null>(null);
  if (pending && pending.join(',') === fromUrl.join(',')) setPending(null);
  const namespaces = pending ?? fromUrl;

  const setNamespaces = useCallback(
    (next: string[]) => {
      const ns = parseNsParam(next.join(','));
      setPending(ns);
      store(cluster, ns);
      const q = new URLSearchParams(params.toString());
      if (ns.length) q.set('ns', ns.join(','));
      else q.delete('ns');
      // commas stay readable in shared URLs
      const qs = q.toString().replace(/%2C/gi, ',');
      // The native history API is integrated with Next's router (useSearchParams updates) and, unlike
      // router.replace, does not refetch the page from the server: the change is instant.
      window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [cluster, params, pathname],
  );

  // Restore the remembered selection when arriving without ?ns; remember one that arrives in the URL.
  useEffect(() => {
    if (raw === null) {
      const stored = readStored(cluster);
      if (stored.length) {
        const q = new URLSearchParams(params.toString());
        q.set('ns', stored.join(','));
        window.history.replaceState(null, '', `${pathname}?${q.toString().replace(/%2C/gi, ',')}`);
      }
    } else {
      store(cluster, parseNsParam(raw));
    }
  }, [cluster, raw, params, pathname]);

  return { namespaces, setNamespaces };
}
