'use client';
/** The timeline: one button per change (who, when, what), newest first, with "Load older changes" at the end. */
import type { ChangeRecord } from '@/lib/history/types';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { actorLabel, objectLabel } from './format';

const TONE = { created: 'ok', updated: 'info', deleted: 'error', resynced: 'muted' } as const;

export function ChangeList({
  items,
  selected,
  onSelect,
  showObject,
  showCluster,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  items: ChangeRecord[];
  selected?: string;
  onSelect: (r: ChangeRecord) => void;
  showObject?: boolean;
  showCluster?: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  return (
    <div>
      <ol aria-label="Changes" className="divide-y divide-line rounded-card border border-line">
        {items.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              aria-current={selected === r.id ? 'true' : undefined}
              onClick={() => onSelect(r)}
              className={cn('flex w-full flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-2 text-left text-sm hover:bg-surface-2', selected === r.id && 'bg-accent/10')}
            >
              <Age timestamp={r.time} focusable={false} className="w-16 shrink-0 text-fg-muted" />
              <Badge tone={TONE[r.type]}>{r.type}</Badge>
              <span className="font-medium">{r.summary}</span>
              {showObject && <span className="font-mono text-xs text-fg-muted">{objectLabel(r)}</span>}
              {showCluster && <span className="text-xs text-fg-muted">{r.cluster}</span>}
              <span className="ml-auto text-fg-muted">by {actorLabel(r.actor)}</span>
            </button>
          </li>
        ))}
      </ol>
      {hasMore && (
        <Button size="sm" className="mt-2" disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? 'Loading…' : 'Load older changes'}
        </Button>
      )}
    </div>
  );
}
