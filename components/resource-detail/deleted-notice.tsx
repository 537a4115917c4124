'use client';
/** Shown on a detail page whose object was deleted while it was open; the page keeps the object's last state. */
import { useId } from 'react';
import { Trash2 } from 'lucide-react';
import { cn } from '@/components/ui/cn';

export function DeletedNotice({ kind, className }: { kind: string; className?: string }) {
  const title = useId();
  return (
    <div role="alert" aria-labelledby={title} className={cn('flex items-start gap-3 rounded-card border border-warn/40 bg-warn/5 p-3', className)}>
      <Trash2 aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-warn" />
      <div className="min-w-0 flex-1">
        <p id={title} className="font-medium">
          This object was deleted
        </p>
        <p className="mt-0.5 text-sm text-fg-muted">This {kind} no longer exists in the cluster. What follows is its last known state.</p>
      </div>
    </div>
  );
}
