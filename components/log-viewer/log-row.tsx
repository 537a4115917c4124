'use client';
/**
 * One log line: ANSI colours as styled text spans (plain DOM text, so copying a selection copies the log),
 * search matches in <mark>, a coloured pod/container prefix in merged views, and lines over 10,000
 * characters cut for display with a "Show full line" action.
 */
import { memo, type CSSProperties } from 'react';
import { ansiToSpans, stripAnsi, type AnsiStyle } from '@/lib/logs/ansi';
import { highlight, type Matcher } from '@/lib/logs/search';
import { displayTime } from '@/lib/logs/timestamp';
import { podColor, truncateForDisplay } from '@/lib/logs/display';
import type { ViewLine } from './use-log-stream';

function css(s?: AnsiStyle): CSSProperties | undefined {
  if (!s) return undefined;
  return {
    color: s.fg,
    backgroundColor: s.bg,
    fontWeight: s.bold ? 600 : undefined,
    opacity: s.dim ? 0.7 : undefined,
    fontStyle: s.italic ? 'italic' : undefined,
    textDecoration: s.underline ? 'underline' : undefined,
  };
}

export interface RowProps {
  line: ViewLine;
  showPod: boolean;
  showContainer: boolean;
  timestamps: boolean;
  matcher?: Matcher;
  expanded: boolean;
  onExpand(id: number): void;
}

export const LogRow = memo(function LogRow({ line, showPod, showContainer, timestamps, matcher, expanded, onExpand }: RowProps) {
  if (line.skipped) {
    return (
      <div role="note" className="bg-warn/10 px-2 text-warn italic">
        … {line.skipped.toLocaleString()} lines skipped: the viewer could not keep up with the log
      </div>
    );
  }
  const cut = expanded ? { text: line.text, truncated: false } : truncateForDisplay(line.text);
  const spans = ansiToSpans(cut.text);
  const marked = matcher ? highlight(spans, matcher(stripAnsi(cut.text))) : spans;
  return (
    <div className="px-2" data-log-line="">
      {timestamps && line.ts && <span className="mr-2 select-text text-fg-muted">{displayTime(line.ts)}</span>}
      {showPod && (
        <span className="mr-2" style={{ color: podColor(line.pod) }}>
          [{line.pod}
          {showContainer ? `/${line.container}` : ''}]
        </span>
      )}
      {!showPod && showContainer && <span className="mr-2 text-info">[{line.container}]</span>}
      {marked.map((s, i) =>
        'match' in s && s.match ? (
          <mark key={i} style={css(s.style)} className="rounded-sm bg-yellow-300 text-black">
            {s.text}
          </mark>
        ) : (
          <span key={i} style={css(s.style)}>
            {s.text}
          </span>
        ),
      )}
      {cut.truncated && (
        <button type="button" onClick={() => onExpand(line.id)} className="ml-2 rounded border border-line px-1 text-xs text-accent">
          Show full line ({line.text.length.toLocaleString()} characters)
        </button>
      )}
    </div>
  );
});
