'use client';
/**
 * The detail page's Changes tab: this object's recorded changes (by name, so a deleted and re-created object
 * keeps one timeline), live, newest first; the selected one (`?change=`) shows its diff and can be restored.
 */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { TabProps } from '@/components/resource-detail/tabs';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState } from '@/components/ui/empty-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { ChangeList } from './change-list';
import { ChangeDetail } from './change-detail';
import { useChangeHistory } from './use-change-history';

export default function ChangesTab({ cluster, kind, obj }: TabProps) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const ns = obj.metadata.namespace;
  const filter = { cluster, group: kind.group, resource: kind.plural, ...(ns ? { namespace: ns } : {}), name: obj.metadata.name };
  const { query, items } = useChangeHistory(filter, filter);
  const selected = params.get('change') ?? items[0]?.id;

  const select = (id: string) => {
    const q = new URLSearchParams(params.toString());
    q.set('change', id);
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };

  if (query.isError && !items.length) return <ErrorState error={query.error} title="Could not load the change history" onRetry={() => query.refetch()} />;
  if (query.isPending && !items.length) return <SkeletonLines lines={6} />;
  if (!items.length) return <EmptyState title="No recorded changes" hint={`Changes to this ${kind.kind} appear here as they happen, with who made them and a diff.`} />;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <ChangeList
        items={items}
        selected={selected}
        onSelect={(r) => select(r.id)}
        hasMore={Boolean(query.hasNextPage)}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
      {selected && <ChangeDetail key={selected} id={selected} restore={{ cluster, kind, obj }} />}
    </div>
  );
}
