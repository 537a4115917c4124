'use client';
/**
 * The Drift page: one namespace in this cluster against the same namespace in other clusters (?clusters=),
 * per kind: objects present in one and missing in another, and objects whose normalized content differs
 * (each with a link to Compare it). Read as the signed-in person (POST /api/drift); a kind a cluster would not
 * list says so and is judged on the clusters that could be read.
 */
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { k8sQueries } from '@/lib/k8s/client';
import { compareHref, objectHref } from '@/lib/k8s/links';
import type { DriftItem, DriftKind } from '@/lib/compare/types';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState } from '@/components/ui/empty-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { useClusters } from '@/components/shell/use-clusters';
import { pluralLabel } from '@/components/shell/nav-model';

function compareLink(home: string, k: DriftKind, ns: string, it: DriftItem): string | undefined {
  const gvr = { group: k.group, version: k.version, plural: k.resource };
  const from = it.presentIn.includes(home) ? home : it.presentIn[0];
  if (!from) return undefined;
  const mine = it.variants?.find((v) => v.includes(from)) ?? [from];
  const other = it.differs ? it.presentIn.find((c) => !mine.includes(c)) : it.missingIn[0];
  return other ? compareHref(from, gvr, ns, it.name, { with: other }) : undefined;
}

function KindSection({ home, ns, k }: { home: string; ns: string; k: DriftKind }) {
  const title = pluralLabel(k.kind);
  return (
    <section aria-label={title} className="rounded-card border border-line">
      <h2 className="flex flex-wrap items-baseline gap-2 border-b border-line px-3 py-2 text-sm font-semibold">
        {title}
        <span className="font-normal text-fg-muted">
          {k.items.length ? `${k.items.length} drifted` : 'no drift'}
          {k.same ? ` · ${k.same} identical` : ''}
        </span>
      </h2>
      {k.errors.map((e) => (
        <p key={e.cluster} className="px-3 py-1.5 text-sm text-warn">
          Not compared in {e.cluster}: {e.message}
        </p>
      ))}
      {k.items.length > 0 && (
        <table className="w-full text-sm">
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="px-3 py-1 font-medium">Name</th>
              <th className="px-3 py-1 font-medium">Drift</th>
              <th className="px-3 py-1 font-medium">
                <span className="sr-only">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {k.items.map((it) => {
              const href = compareLink(home, k, ns, it);
              const at = it.presentIn.includes(home) ? home : it.presentIn[0]!;
              return (
                <tr key={it.name} className="border-t border-line align-top">
                  <td className="px-3 py-1.5 font-mono text-xs">
                    <Link className="hover:underline" href={objectHref(at, { group: k.group, version: k.version, plural: k.resource }, ns, it.name)}>
                      {it.name}
                    </Link>
                  </td>
                  <td className="space-x-1.5 px-3 py-1.5">
                    {it.missingIn.length > 0 && <Badge tone="warn">Missing in {it.missingIn.join(', ')}</Badge>}
                    {it.differs && <Badge tone="info">Differs: {(it.variants ?? []).map((v) => v.join(' = ')).join(' ≠ ')}</Badge>}
                  </td>
                  <td className="px-3 py-1.5 text-right">
                    {href && (
                      <Link className="text-accent underline" href={href}>
                        Compare {it.name}
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DriftView({ cluster, namespace }: { cluster: string; namespace: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const clusters = useClusters();
  const all = clusters.data?.clusters ?? [];
  const others = all.filter((c) => c.id !== cluster);
  const picked = params.has('clusters') ? (params.get('clusters') ?? '').split(',').filter((c) => c && c !== cluster) : others.filter((c) => c.state === 'connected').map((c) => c.id);
  const chosen = [cluster, ...picked];
  const q = useQuery({ ...k8sQueries.drift({ namespace, clusters: chosen }), enabled: clusters.isSuccess && chosen.length >= 2 });

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...picked, id] : picked.filter((c) => c !== id);
    router.replace(`${pathname}?clusters=${next.map(encodeURIComponent).join(',')}`, { scroll: false });
  };

  const drifted = q.data?.kinds.reduce((n, k) => n + k.items.length, 0) ?? 0;
  return (
    <div className="mx-auto w-full max-w-[2400px] space-y-4 px-4 py-5 sm:px-6">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Drift</h1>
        <span className="text-sm">
          namespace <span className="font-mono">{namespace}</span> in {cluster} against other clusters
        </span>
      </header>
      <fieldset className="flex flex-wrap items-center gap-4 text-sm">
        <legend className="mb-1 text-fg-muted">Clusters to compare with</legend>
        {others.map((c) => (
          <label key={c.id} className="flex items-center gap-1.5">
            <input type="checkbox" checked={picked.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
            {c.name}
            {c.state !== 'connected' && <span className="text-fg-muted">({c.state})</span>}
          </label>
        ))}
        {clusters.isSuccess && others.length === 0 && <span>This console knows no other cluster to compare with.</span>}
      </fieldset>
      <p className="text-sm text-fg-muted">
        Objects are compared without status, uids, resourceVersions, timestamps, managed fields and values a cluster assigns itself (cluster IPs, bound volumes); Secrets by key names and value hashes. What each cluster creates by itself (kube-root-ca.crt, the default service account, objects owned by a controller) is not drift.
      </p>
      {clusters.isError && <ErrorState error={clusters.error} title="Could not list the clusters" onRetry={() => clusters.refetch()} />}
      {chosen.length < 2 && clusters.isSuccess && others.length > 0 && <p className="text-sm">Pick at least one other cluster.</p>}
      {q.isError && <ErrorState error={q.error} title="Could not build the drift report" onRetry={() => q.refetch()} />}
      {q.isFetching && !q.data && <SkeletonLines lines={10} />}
      {q.data && (
        <>
          <p role="status" className="text-sm font-medium">
            {drifted === 0 ? `No drift across ${q.data.clusters.join(', ')}.` : `${drifted} object(s) drifted across ${q.data.clusters.join(', ')}.`}
          </p>
          {q.data.kinds.length === 0 && <EmptyState title={`Namespace ${namespace} holds nothing to compare in these clusters`} />}
          {q.data.kinds.map((k) => (
            <KindSection key={`${k.group}/${k.resource}`} home={cluster} ns={namespace} k={k} />
          ))}
        </>
      )}
    </div>
  );
}
