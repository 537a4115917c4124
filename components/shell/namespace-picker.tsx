'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useWatch } from '@/lib/realtime/use-watch';
import { Check, ChevronDown, Layers } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { useNamespaceSelection } from './namespace-selection';
import { Tooltip } from '@/components/ui/tooltip';

/** Namespace names, live (a namespace created elsewhere shows up without reopening the picker). */
function useNamespaceNames(cluster: string) {
  const w = useWatch({
    cluster,
    group: '',
    version: 'v1',
    resource: 'namespaces',
  });
  return {
    data: w.state === 'loading' ? undefined : w.items.map((n) => n.metadata.name).sort(),
    isPending: w.state === 'loading',
    isSuccess: w.state !== 'loading' && w.state !== 'error',
    isError: w.state === 'error',
    error: w.error?.message,
  };
}

/**
 * Multi-select of namespaces: a button named "Namespaces" opening a popup of checkboxes (native
 * keyboard behaviour) with a filter box; "All namespaces" clears the selection.
 */
export function NamespacePicker({ cluster }: { cluster: string }) {
  const { namespaces, setNamespaces } = useNamespaceSelection(cluster);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const names = useNamespaceNames(cluster);
  const popupId = useId();
  const root = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    filterRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const selected = new Set(namespaces);
  // a namespace in the URL that does not (yet) exist still shows, so it can be unticked
  const all = [...new Set([...(names.data ?? []), ...namespaces])].sort();
  const shown = filter ? all.filter((n) => n.includes(filter.toLowerCase())) : all;
  const summary = namespaces.length === 0 ? 'All namespaces' : namespaces.length <= 2 ? namespaces.join(', ') : `${namespaces.length} namespaces`;

  const toggle = (n: string) => setNamespaces(selected.has(n) ? namespaces.filter((x) => x !== n) : [...namespaces, n]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <Tooltip content={namespaces.length ? namespaces.join(', ') : 'All namespaces'}>
        <button
          type="button"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? popupId : undefined}
          onClick={() => setOpen((o) => !o)}
          className="flex h-8 max-w-72 items-center gap-2 rounded-md border border-line bg-surface px-2.5 text-sm hover:bg-surface-2"
        >
          <Layers aria-hidden className="h-3.5 w-3.5 text-fg-muted" />
          {/* the name is "Namespaces: <what is shown>", so the visible text is part of it (WCAG 2.5.3) */}
          <span className="sr-only">Namespaces: </span>
          <span className="truncate">{summary}</span>
          <ChevronDown aria-hidden className="h-3.5 w-3.5 text-fg-muted" />
        </button>
      </Tooltip>
      {open && (
        <div
          id={popupId}
          role="dialog"
          aria-label="Namespaces"
          className="absolute top-full right-0 z-30 mt-1 w-72 rounded-card border border-line bg-surface shadow-lg"
        >
          <div className="border-b border-line p-2">
            <input
              ref={filterRef}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-label="Filter namespaces"
              placeholder="Filter namespaces"
              className="h-7 w-full rounded border border-line bg-canvas px-2 text-sm"
            />
          </div>
          <div className="max-h-80 overflow-y-auto p-1">
            <button
              type="button"
              onClick={() => setNamespaces([])}
              className={cn('flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-surface-2', namespaces.length === 0 && 'font-medium')}
            >
              <Check aria-hidden className={cn('h-3.5 w-3.5', namespaces.length ? 'invisible' : 'text-accent')} />
              All namespaces
            </button>
            {names.isPending && <p className="px-2 py-1 text-xs text-fg-muted">Loading namespaces…</p>}
            {names.isError && (
              <p role="alert" className="px-2 py-1 text-xs text-error">
                {names.error}
              </p>
            )}
            <fieldset>
              <legend className="sr-only">Namespaces</legend>
              {shown.map((n) => (
                <label key={n} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-surface-2">
                  <input type="checkbox" checked={selected.has(n)} onChange={() => toggle(n)} className="accent-[var(--wh-accent)]" />
                  <span className="truncate font-mono text-xs">{n}</span>
                </label>
              ))}
            </fieldset>
            {names.isSuccess && shown.length === 0 && (
              <p className="px-2 py-1 text-xs text-fg-muted">{filter ? 'No namespace matches the filter.' : 'This cluster has no namespaces you can list.'}</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
