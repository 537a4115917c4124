'use client';
import { lazy, Suspense, useId, useRef, type ComponentType, type KeyboardEvent, type LazyExoticComponent } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { SkeletonLines } from '@/components/ui/skeleton';
import { tabsFor, type TabDef, type TabProps } from './tabs';

const lazyPanels = new Map<string, LazyExoticComponent<ComponentType<TabProps>>>();
function panelFor(t: TabDef): ComponentType<TabProps> {
  if (t.component) return t.component;
  let c = lazyPanels.get(t.id);
  if (!c) {
    c = lazy(t.load);
    lazyPanels.set(t.id, c);
  }
  return c;
}

/** WAI-ARIA tabs (arrow keys move between tabs); the selected tab lives in `?tab=` so it can be shared. */
export function DetailTabs(props: TabProps) {
  const list = tabsFor(props.kind);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const current = list.find((t) => t.id === params.get('tab')) ?? list[0];
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function select(t: TabDef) {
    const q = new URLSearchParams(params.toString());
    if (t.id === 'overview') q.delete('tab');
    else q.set('tab', t.id);
    const s = q.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  }

  function onKeyDown(e: KeyboardEvent, i: number) {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + list.length) % list.length;
    refs.current[j]?.focus();
    select(list[j]);
  }

  const Panel = panelFor(current);
  return (
    <div>
      <div role="tablist" aria-label="Object views" className="flex gap-1 overflow-x-auto border-b border-line px-4">
        {list.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            type="button"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => select(t)}
            onKeyDown={(e) => onKeyDown(e, i)}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm font-medium', t.id === current.id ? 'border-accent text-fg' : 'border-transparent text-fg-muted hover:text-fg')}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current.id}`} className="p-4">
        <Suspense fallback={<SkeletonLines lines={6} />}>
          <Panel {...props} />
        </Suspense>
      </div>
    </div>
  );
}
