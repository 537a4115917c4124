'use client';
/**
 * The namespace selection of a cluster page: the URL (?ns=a,b) is the truth, so links can be shared
 * and reloaded; localStorage remembers the last selection per cluster and restores it when a page of
 * that cluster is opened without ?ns. [] means all namespaces.
 */
import { useCallback, useEffect } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { parseNsParam } from './routes';

const storageKey = (cluster: string) => `wheelhouse:ns:${cluster}`;

function readStored(cluster: string): string[] {
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
  const router = useRouter();
  const raw = params.get('ns');
  const namespaces = parseNsParam(raw);

  const setNamespaces = useCallback(
    (next: string[]) => {
      const ns = parseNsParam(next.join(','));
      store(cluster, ns);
      const q = new URLSearchParams(params.toString());
      if (ns.length) q.set('ns', ns.join(','));
      else q.delete('ns');
      // commas stay readable in shared URLs
      const qs = q.toString().replace(/%2C/gi, ',');
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [cluster, params, pathname, router],
  );

  // Restore the remembered selection when arriving without ?ns; remember one that arrives in the URL.
  useEffect(() => {
    if (raw === null) {
      const stored = readStored(cluster);
      if (stored.length) {
        const q = new URLSearchParams(params.toString());
        q.set('ns', stored.join(','));
        router.replace(`${pathname}?${q.toString().replace(/%2C/gi, ',')}`, { scroll: false });
      }
    } else {
      store(cluster, parseNsParam(raw));
    }
  }, [cluster, raw, params, pathname, router]);

  return { namespaces, setNamespaces };
}
