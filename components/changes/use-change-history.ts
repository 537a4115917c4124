'use client';
/**
 * A filtered change history, newest first: pages from GET /api/changes (older ones on demand) plus records that
 * arrive live over the socket while the view is open. After a reconnect the first page is read again (the
 * subscription has no resume point), so nothing missed while away is lost.
 */
import { useCallback, useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { k8sQueries, type ChangeFilter } from '@/lib/k8s/client';
import { useChangesFeed, type ChangesFilter } from '@/lib/realtime/changes-feed';
import type { ChangeRecord } from '@/lib/history/types';
import { matchesFilter, mergeNewest } from './format';

export function useChangeHistory(filter: ChangeFilter, live: ChangesFilter | null) {
  const q = useInfiniteQuery(k8sQueries.changes(filter));
  const key = JSON.stringify(filter);
  const [arrived, setArrived] = useState<{ key: string; items: ChangeRecord[] }>({ key, items: [] });
  const onItems = useCallback(
    (items: ChangeRecord[]) => {
      const f = JSON.parse(key) as ChangeFilter;
      const mine = items.filter((r) => matchesFilter(r, f));
      if (mine.length) setArrived((a) => ({ key, items: [...mine, ...(a.key === key ? a.items : [])].slice(0, 500) }));
    },
    [key],
  );
  const { refetch } = q;
  useChangesFeed(live, onItems, useCallback(() => void refetch(), [refetch]));
  const items = useMemo(() => mergeNewest(arrived.key === key ? arrived.items : [], q.data?.pages.flatMap((p) => p.items) ?? []), [arrived, key, q.data]);
  return { query: q, items };
}
