'use client';
/**
 * The Compare page: one object (the route's) against the same object in another cluster or namespace (POST
 * /api/compare, read as the signed-in person), or against a version the change history recorded (?change=).
 * Both sides are normalized (lib/compare/normalize.ts) and shown with the side-by-side text diff. The other
 * side being absent, or not readable, is a sentence on the page, not an error page.
 */
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { k8sQueries } from '@/lib/k8s/client';
import { toYaml } from '@/lib/yaml/clean';
import { groupFromSegment, namespaceFromSegment, objectHref } from '@/lib/k8s/links';
import type { SideResult } from '@/lib/compare/types';
import { TextDiff } from '@/components/rollout-history/text-diff';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { Button } from '@/components/ui/button';
import { useClusters } from '@/components/shell/use-clusters';
import { useKindInfo } from '@/components/resource-table/use-kind-info';
import { VersionCompare } from './version-compare';

export interface CompareRouteProps {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
}

const where = (s: { cluster: string; namespace?: string }) => (s.namespace ? `${s.cluster} / ${s.namespace}` : s.cluster);

function SideProblem({ side, kind }: { side: SideResult; kind: string }) {
  const e = side.error!;
  const text =
    e.status === 404
      ? `${kind} ${side.name} does not exist in ${where(side)}.`
      : e.status === 403
        ? `You may not read ${kind} ${side.name} in ${where(side)}: ${e.message}`
        : `Could not read ${kind} ${side.name} in ${where(side)}: ${e.message}`;
  return (
    <p role="status" className="rounded-card border border-warn/40 bg-warn/5 p-3 text-sm">
      {text}
    </p>
  );
}

export function CompareView(p: CompareRouteProps) {
  const group = groupFromSegment(p.group);
  const namespace = namespaceFromSegment(p.namespace);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { kind } = useKindInfo(p.cluster, group, p.version, p.resource);
  const clusters = useClusters();
  const change = params.get('change') ?? undefined;
  const others = (clusters.data?.clusters ?? []).filter((c) => c.id !== p.cluster && c.state === 'connected');
  const withCluster = params.get('with') ?? others[0]?.id ?? p.cluster;
  const withNamespace = params.get('withNamespace') ?? namespace;
  const [nsText, setNsText] = useState(withNamespace ?? '');
  const clusterId = useId();
  const nsId = useId();

  const go = (next: Record<string, string | undefined>) => {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ withNamespace: nsText.trim() || undefined, change: undefined });
  };

  const req = {
    group,
    version: p.version,
    resource: p.resource,
    left: { cluster: p.cluster, namespace, name: p.name },
    right: { cluster: withCluster, namespace: kind?.namespaced === false ? undefined : withNamespace, name: p.name },
  };
  // the object against itself says nothing: wait for another cluster or namespace
  const sameSide = req.right.cluster === p.cluster && (req.right.namespace ?? '') === (namespace ?? '');
  const q = useQuery({ ...k8sQueries.compare(req), enabled: !change && clusters.isSuccess && !sameSide });
  const kindName = kind?.kind ?? p.resource;
  const self = objectHref(p.cluster, { group, version: p.version, plural: p.resource }, namespace, p.name);

  return (
    <div className="mx-auto w-full max-w-[2400px] space-y-4 px-4 py-5 sm:px-6">
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Compare</h1>
        <Link href={self} className="font-mono text-sm hover:underline">
          {kindName} {namespace ? `${namespace}/` : ''}
          {p.name}
        </Link>
        <span className="text-sm text-fg-muted">in {p.cluster}</span>
      </header>
      <p className="text-sm text-fg-muted">Status, uid, resourceVersion, generation, timestamps, managed fields, owner uids and the last-applied annotation are left out on both sides; Secret values are compared by hash.</p>

      {change ? (
        <>
          <p className="text-sm">
            Comparing with a recorded version.{' '}
            <button type="button" className="text-accent underline" onClick={() => go({ change: undefined })}>
              Compare with another cluster or namespace instead
            </button>
          </p>
          <VersionCompare cluster={p.cluster} group={group} version={p.version} resource={p.resource} namespace={namespace} name={p.name} kind={kindName} change={change} />
        </>
      ) : (
        <>
          <form onSubmit={submit} aria-label="Compare with" className="flex flex-wrap items-end gap-3 text-sm">
            <div className="flex flex-col gap-1">
              <label htmlFor={clusterId} className="text-fg-muted">
                Other cluster
              </label>
              <select id={clusterId} value={withCluster} onChange={(e) => go({ with: e.target.value })} className="h-8 rounded-md border border-line bg-surface px-2">
                {(clusters.data?.clusters ?? []).map((c) => (
                  <option key={c.id} value={c.id} disabled={c.state !== 'connected'}>
                    {c.name}
                    {c.id === p.cluster ? ' (this cluster)' : ''}
                    {c.state !== 'connected' ? ` (${c.state})` : ''}
                  </option>
                ))}
              </select>
            </div>
            {kind?.namespaced !== false && (
              <div className="flex flex-col gap-1">
                <label htmlFor={nsId} className="text-fg-muted">
                  Other namespace
                </label>
                <input id={nsId} value={nsText} onChange={(e) => setNsText(e.target.value)} className="h-8 w-48 rounded-md border border-line bg-surface px-2" />
              </div>
            )}
            {kind?.namespaced !== false && (
              <Button type="submit" size="md">
                Show differences
              </Button>
            )}
          </form>
          {clusters.isError && <ErrorState error={clusters.error} title="Could not list the clusters" onRetry={() => clusters.refetch()} />}
          {q.isError && <ErrorState error={q.error} title="Could not compare" onRetry={() => q.refetch()} />}
          {sameSide && clusters.isSuccess && <p className="text-sm">Pick another cluster or namespace to compare with.</p>}
          {q.isFetching && !q.data && <SkeletonLines lines={10} />}
          {q.data && (
            <div className="space-y-2">
              {q.data.left.error && <SideProblem side={q.data.left} kind={kindName} />}
              {q.data.right.error && <SideProblem side={q.data.right} kind={kindName} />}
              {q.data.left.object && q.data.right.object && (
                <TextDiff
                  title={`${where(q.data.left)} vs ${where(q.data.right)}`}
                  left={toYaml(q.data.left.object)}
                  right={toYaml(q.data.right.object)}
                  leftLabel={where(q.data.left)}
                  rightLabel={where(q.data.right)}
                  identical="identical after normalization"
                />
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
