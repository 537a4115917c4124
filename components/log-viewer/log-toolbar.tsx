'use client';
/** The viewer's controls; each has an accessible name the e2e tests use (convention 12). */
import { memo } from 'react';
import { Download } from 'lucide-react';
import { Tooltip } from '@/components/ui/tooltip';
import { cn } from '@/components/ui/cn';

export interface ContainerChoice {
  name: string;
  kind: 'init' | 'app' | 'ephemeral';
}

export interface ViewOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  tailLines: string;
  since: string;
  sinceCustom: string;
  timestamps: boolean;
  wrap: boolean;
  query: string;
  filter: boolean;
  regex: boolean;
}

export const TAIL_CHOICES = ['100', '1000', '10000', 'all'];

function Toggle({ label, pressed, onChange, title }: { label: string; pressed: boolean; onChange(v: boolean): void; title?: string }) {
  return (
    <Tooltip content={title}>
      <button
        type="button"
        aria-pressed={pressed}
        onClick={() => onChange(!pressed)}
        className={cn('h-7 rounded-md border px-2 text-sm', pressed ? 'border-accent bg-accent/15 text-fg' : 'border-line text-fg-muted hover:bg-surface-2')}
      >
        {label}
      </button>
    </Tooltip>
  );
}

const select = 'h-7 rounded-md border border-line bg-surface px-1.5 text-sm';

/** memo: the viewer re-renders once per frame while lines stream; the toolbar only when options change */
export const LogToolbar = memo(function LogToolbar(props: {
  opts: ViewOptions;
  set(p: Partial<ViewOptions>): void;
  containers: ContainerChoice[];
  searchError?: string;
  downloadHref?: string;
}) {
  const { opts, set, containers } = props;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line pb-2">
      <select aria-label="Container" className={select} value={opts.container} onChange={(e) => set({ container: e.target.value })}>
        <option value="">All containers</option>
        {containers.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
            {c.kind !== 'app' ? ` (${c.kind})` : ''}
          </option>
        ))}
      </select>
      <Toggle label="Follow" pressed={opts.follow} onChange={(v) => set({ follow: v })} title="Stream new lines as they are written" />
      <Toggle label="Previous" pressed={opts.previous} onChange={(v) => set({ previous: v })} title="The last terminated instance of the container" />
      <select aria-label="Tail lines" className={select} value={opts.tailLines} onChange={(e) => set({ tailLines: e.target.value })}>
        {TAIL_CHOICES.map((t) => (
          <option key={t} value={t}>
            {t === 'all' ? 'All lines' : `Last ${Number(t).toLocaleString()}`}
          </option>
        ))}
      </select>
      <select aria-label="Since" className={select} value={opts.since} onChange={(e) => set({ since: e.target.value })}>
        <option value="">Since start</option>
        <option value="300">Last 5m</option>
        <option value="3600">Last 1h</option>
        <option value="custom">Custom…</option>
      </select>
      {opts.since === 'custom' && (
        <input type="datetime-local" aria-label="Since time" className={select} value={opts.sinceCustom} onChange={(e) => set({ sinceCustom: e.target.value })} />
      )}
      <Toggle label="Timestamps" pressed={opts.timestamps} onChange={(v) => set({ timestamps: v })} />
      <Toggle label="Wrap" pressed={opts.wrap} onChange={(v) => set({ wrap: v })} />
      <div className="flex items-center gap-1">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          aria-invalid={props.searchError ? true : undefined}
          className={cn(select, 'w-52', props.searchError && 'border-error')}
          value={opts.query}
          onChange={(e) => set({ query: e.target.value })}
        />
        <Toggle label="Filter" pressed={opts.filter} onChange={(v) => set({ filter: v })} title="Show only matching lines" />
        <Toggle label="Regex" pressed={opts.regex} onChange={(v) => set({ regex: v })} />
      </div>
      {props.searchError && <span className="text-xs text-error">{props.searchError}</span>}
      {props.downloadHref && (
        <a href={props.downloadHref} download className="ml-auto inline-flex h-7 items-center gap-1 rounded-md border border-line px-2 text-sm hover:bg-surface-2">
          <Download aria-hidden className="h-3.5 w-3.5" />
          Download
        </a>
      )}
    </div>
  );
});
