'use client';
/**
 * One terminal: xterm.js 6 (fit, search and web-links add-ons; WebGL renderer when the browser has it, the DOM
 * renderer otherwise) on its own WebSocket (terminal-socket.ts). Loaded lazily with the Terminal tab. The size
 * follows the panel (ResizeObserver → fit → resize frame on channel 4); screen-reader mode exposes the screen's
 * text to assistive technology; keyboard focus goes to the terminal when it opens and stays there.
 * Ctrl+Shift+C / Ctrl+Shift+V copy and paste (Ctrl+C stays the interrupt key); the browser's paste works too.
 */
import { useEffect, useRef, useState } from 'react';
import type { Terminal } from '@xterm/xterm';
import type { SearchAddon } from '@xterm/addon-search';
import '@xterm/xterm/css/xterm.css';
import { Button } from '@/components/ui/button';
import type { TerminalTargetInput } from '@/lib/exec/protocol';
import { TerminalSocket, type TerminalState } from './terminal-socket';
import { describeEnd } from './describe-end';

export interface TerminalViewProps {
  target: TerminalTargetInput;
  /** false while another terminal's tab is shown: kept running, not focused */
  active: boolean;
  onEnded?: (s: TerminalState) => void;
}

export function TerminalView({ target, active, onEnded }: TerminalViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const search = useRef<SearchAddon | null>(null);
  const [state, setState] = useState<TerminalState>({ phase: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const endedRef = useRef(onEnded);
  endedRef.current = onEnded;
  const key = JSON.stringify(target);

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    void (async () => {
      const [{ Terminal }, { FitAddon }, { SearchAddon }, { WebLinksAddon }] = await Promise.all([
        import('@xterm/xterm'),
        import('@xterm/addon-fit'),
        import('@xterm/addon-search'),
        import('@xterm/addon-web-links'),
      ]);
      if (disposed || !host.current) return;
      const t = new Terminal({ screenReaderMode: true, cursorBlink: true, scrollback: 5000, fontSize: 13, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', allowProposedApi: true });
      const fit = new FitAddon();
      const s = new SearchAddon();
      t.loadAddon(fit);
      t.loadAddon(s);
      t.loadAddon(new WebLinksAddon());
      t.open(host.current);
      try {
        const { WebglAddon } = await import('@xterm/addon-webgl');
        const gl = new WebglAddon();
        gl.onContextLoss(() => gl.dispose());
        t.loadAddon(gl);
      } catch {
        // no WebGL (headless, blocked GPU): xterm's DOM renderer stays
      }
      fit.fit();
      term.current = t;
      search.current = s;
      t.attachCustomKeyEventHandler((e) => {
        if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
        if (e.code === 'KeyC') {
          void navigator.clipboard?.writeText(t.getSelection());
          return false;
        }
        if (e.code === 'KeyV') {
          void navigator.clipboard?.readText().then((text) => t.paste(text));
          return false;
        }
        return true;
      });
      const sock = new TerminalSocket({ ...JSON.parse(key), cols: t.cols, rows: t.rows }, {
        output: (data, done) => t.write(data, done),
        state: (st) => {
          setState(st);
          if (st.phase === 'exited' || st.phase === 'error') {
            t.options.cursorBlink = false;
            endedRef.current?.(st);
          }
        },
      });
      const d1 = t.onData((d) => sock.send(d));
      const d2 = t.onResize(({ cols, rows }) => sock.resize(cols, rows));
      let frame = 0;
      const ro = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (host.current && host.current.offsetParent !== null) fit.fit();
        });
      });
      ro.observe(host.current);
      t.focus();
      cleanups.push(() => {
        ro.disconnect();
        cancelAnimationFrame(frame);
        d1.dispose();
        d2.dispose();
        sock.close();
        t.dispose();
        term.current = null;
      });
    })();
    return () => {
      disposed = true;
      for (const c of cleanups) c();
    };
  }, [key, attempt]);

  useEffect(() => {
    if (active) term.current?.focus();
  }, [active]);

  const ended = state.phase === 'exited' || state.phase === 'error';
  const status = describeEnd(state);
  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <section role="region" aria-label="Terminal" className="min-h-0 flex-1 overflow-hidden rounded-md border border-line bg-black p-1" onClick={() => term.current?.focus()}>
        <div ref={host} className="h-full w-full" />
      </section>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span role="status" className={ended ? (state.phase === 'exited' && state.code === 0 ? 'text-fg' : 'text-error') : 'text-fg-muted'}>
          {status}
        </span>
        {ended && (
          <Button size="sm" variant="primary" onClick={() => setAttempt((n) => n + 1)}>
            Reconnect
          </Button>
        )}
        <span className="ml-auto flex items-center gap-1">
          <input
            aria-label="Find in terminal"
            className="h-7 w-40 rounded-md border border-line bg-surface px-2 text-sm"
            placeholder="Find"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.shiftKey) search.current?.findPrevious(query);
              else if (e.key === 'Enter') search.current?.findNext(query);
              if (e.key === 'Escape') term.current?.focus();
            }}
          />
          <Button size="sm" variant="ghost" onClick={() => search.current?.findNext(query)} disabled={!query}>
            Find next
          </Button>
        </span>
      </div>
    </div>
  );
}
