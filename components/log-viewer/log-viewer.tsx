'use client';
/**
 * The log viewer: toolbar, a virtualized list (@tanstack/react-virtual) over a bounded ring buffer, and a
 * status line. Follow auto-scrolls while the view is at the bottom; scrolling up pauses that and shows
 * "Jump to latest". Search highlights matches in the visible rows; Filter shows only matching lines through
 * an incrementally maintained index (lib/logs/filter-index.ts), so new lines are tested once, not per frame.
 */
import { apiUrls } from '@/lib/k8s/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { stripAnsi } from '@/lib/logs/ansi';
import { compileSearch } from '@/lib/logs/search';
import { FilterIndex } from '@/lib/logs/filter-index';
import { podColor } from '@/lib/logs/display';
import type { LogsTarget } from '@/lib/protocol';
import { LogToolbar, type ContainerChoice, type ViewOptions } from './log-toolbar';
import { LogRow } from './log-row';
import { useLogStream, type ViewLine } from './use-log-stream';
import type { RingBuffer } from '@/lib/logs/ring-buffer';

export const DEFAULT_CAPACITY = 200_000;

export interface LogViewerProps {
  target: LogsTarget;
  containers: ContainerChoice[];
  /** default container choice ('' = all) */
  initialContainer: string;
  /** single pod views can download the full log of a container */
  downloadable: boolean;
  capacity?: number;
}

function toRequest(t: LogsTarget, o: ViewOptions) {
  const sinceSeconds = o.since && o.since !== 'custom' ? Number(o.since) : undefined;
  const customMs = o.since === 'custom' && o.sinceCustom ? Date.parse(o.sinceCustom) : NaN;
  return {
    ...t,
    container: o.container,
    follow: o.follow && !o.previous,
    previous: o.previous || undefined,
    tailLines: o.tailLines === 'all' ? undefined : Number(o.tailLines),
    sinceSeconds,
    sinceTime: Number.isNaN(customMs) ? undefined : new Date(customMs).toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

function lineAt(buffer: RingBuffer<ViewLine>, id: number): ViewLine | undefined {
  const first = buffer.get(0);
  return first ? buffer.get(id - first.id) : undefined;
}

export function LogViewer({ target, containers, initialContainer, downloadable, capacity = DEFAULT_CAPACITY }: LogViewerProps) {
  const [opts, setOpts] = useState<ViewOptions>({
    container: initialContainer,
    follow: true,
    previous: false,
    tailLines: '1000',
    since: '',
    sinceCustom: '',
    timestamps: false,
    wrap: false,
    query: '',
    filter: false,
    regex: false,
  });
  const set = useCallback((p: Partial<ViewOptions>) => setOpts((o) => ({ ...o, ...p })), []);
  const req = useMemo(
    () => toRequest(target, opts),
    // search and display options do not reopen the stream
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [target, opts.container, opts.follow, opts.previous, opts.tailLines, opts.since, opts.sinceCustom],
  );
  const { buffer, version, status } = useLogStream(req, capacity);

  const search = useMemo(() => compileSearch(opts.query, opts.regex), [opts.query, opts.regex]);
  const matcher = search.ok ? search.matcher : undefined;
  const filterOn = opts.filter && !!matcher;
  const idx = useRef({ f: new FilterIndex(), scanned: 0, matcher: undefined as unknown, buffer: undefined as unknown });
  const filtered = useMemo(() => {
    const s = idx.current;
    if (!filterOn || !matcher) return undefined;
    const first = buffer.get(0)?.id ?? 0;
    const lastId = buffer.last()?.id ?? -1;
    if (s.matcher !== matcher || s.buffer !== buffer) {
      s.f.clear();
      s.scanned = first;
      s.matcher = matcher;
      s.buffer = buffer;
    }
    for (let id = Math.max(s.scanned, first); id <= lastId; id++) {
      const l = buffer.get(id - first);
      if (l && !l.skipped && matcher(stripAnsi(l.text)).length > 0) s.f.add(id);
    }
    s.scanned = lastId + 1;
    s.f.prune(first);
    return s.f;
    // version: the buffer mutates in place and bumps it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterOn, matcher, buffer, version]);

  const count = filtered ? filtered.length : buffer.length;
  const rowAt = (i: number) => (filtered ? lineAt(buffer, filtered.get(i) ?? -1) : buffer.get(i));

  const scrollRef = useRef<HTMLDivElement>(null);
  const [stick, setStick] = useState(true);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 18,
    overscan: 20,
    getItemKey: (i) => rowAt(i)?.id ?? i,
  });
  useEffect(() => {
    // a plain scrollTop write: scrollToIndex re-measures over several frames, too costly at 60 updates/s
    const el = scrollRef.current;
    if (stick && el && count > 0) el.scrollTop = el.scrollHeight;
  }, [stick, count, version, opts.wrap]);
  useEffect(() => {
    // sizes measured while wrapping are stale once rows are single lines again (and vice versa)
    virtualizer.measure();
  }, [opts.wrap, virtualizer]);
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atBottom !== stick) setStick(atBottom);
  };

  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const onExpand = useCallback((id: number) => setExpanded((s) => new Set(s).add(id)), []);
  const merged = target.resource !== 'pods';
  const allContainers = opts.container === '' && containers.length > 1;
  const dlContainer = opts.container || containers.find((c) => c.kind === 'app')?.name || '';
  const downloadHref = downloadable
    ? apiUrls.logDownload(target.cluster, target.namespace, target.name, { container: dlContainer, previous: opts.previous, timestamps: opts.timestamps })
    : undefined;

  return (
    <div className="flex h-[calc(100vh-16rem)] min-h-80 flex-col gap-2">
      <LogToolbar opts={opts} set={set} containers={containers} searchError={search.ok ? undefined : search.error} downloadHref={downloadHref} />
      {status.state === 'error' && (
        <div role="alert" className="rounded-md border border-error/40 bg-error/10 px-3 py-2 text-sm text-error">
          {status.message}
        </div>
      )}
      <div className="relative min-h-0 flex-1">
        <div
          ref={scrollRef}
          onScroll={onScroll}
          role="log"
          aria-label="Log lines"
          aria-live="off"
          tabIndex={0}
          // layout and paint of 60 updates/s stay inside the list
          style={{ contain: 'strict' }}
          className={cn('h-full overflow-auto rounded-md border border-line bg-surface font-mono text-xs leading-[18px]', opts.wrap ? 'whitespace-pre-wrap break-all' : 'whitespace-pre')}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%', width: opts.wrap ? '100%' : 'max-content' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const line = rowAt(v.index);
              if (!line) return null;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  // rows are one fixed-height line unless wrapping (or expanded): measuring each row costs layout
                  ref={opts.wrap || expanded.size > 0 ? virtualizer.measureElement : undefined}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: opts.wrap || expanded.size > 0 ? undefined : 18, transform: `translateY(${v.start}px)` }}
                >
                  <LogRow
                    line={line}
                    showPod={merged}
                    showContainer={allContainers}
                    timestamps={opts.timestamps}
                    matcher={matcher}
                    expanded={expanded.has(line.id)}
                    onExpand={onExpand}
                  />
                </div>
              );
            })}
          </div>
          {count === 0 && (
            <p className="p-3 text-fg-muted">
              {status.state === 'connecting' ? 'Connecting…' : filterOn ? 'No matching lines' : status.state === 'error' ? '' : 'No log lines yet'}
            </p>
          )}
        </div>
        {!stick && (
          <button
            type="button"
            onClick={() => setStick(true)}
            className="absolute bottom-3 right-5 inline-flex items-center gap-1 rounded-full bg-accent px-3 py-1 text-sm text-accent-fg shadow"
          >
            <ArrowDown aria-hidden className="h-3.5 w-3.5" />
            Jump to latest
          </button>
        )}
      </div>
      <div role="status" aria-label="Log stream" className="flex flex-wrap items-center gap-3 text-xs text-fg-muted">
        <span>{status.state === 'live' ? (opts.follow && !opts.previous ? 'following' : 'loaded') : status.state}</span>
        <span>
          {buffer.length.toLocaleString()} lines{filtered ? `, ${filtered.length.toLocaleString()} matching` : ''}
          {buffer.dropped ? ` (${buffer.dropped.toLocaleString()} oldest dropped from the ${capacity.toLocaleString()}-line buffer)` : ''}
        </span>
        {status.skipped > 0 && <span className="text-warn">{status.skipped.toLocaleString()} lines skipped by the server</span>}
        {status.state !== 'error' && status.message && <span>{status.message}</span>}
        {merged &&
          status.pods.map((p) => (
            <span key={p} style={{ color: podColor(p) }}>
              ● {p}
            </span>
          ))}
      </div>
    </div>
  );
}
