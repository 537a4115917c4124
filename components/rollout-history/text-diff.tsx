'use client';
/** Side-by-side line diff of two texts (pod templates, Helm values or manifests of two revisions), from the `diff` package. */
import { useMemo } from 'react';
import { cn } from '@/components/ui/cn';
import { sideBySide, type Cell } from './side-by-side';

function CellView({ c }: { c?: Cell }) {
  return (
    <>
      <td className="w-10 select-none pr-2 text-right align-top text-fg-muted">{c?.n ?? ''}</td>
      <td className={cn('whitespace-pre-wrap break-all pr-3 align-top', c?.kind === 'removed' && 'bg-error/12', c?.kind === 'added' && 'bg-ok/12')}>
        {c ? (c.kind === 'removed' ? '- ' : c.kind === 'added' ? '+ ' : '  ') + c.text : ''}
      </td>
    </>
  );
}

export function TextDiff({ title, left, right, leftLabel, rightLabel, identical = 'identical' }: { title: string; left: string; right: string; leftLabel: string; rightLabel: string; identical?: string }) {
  const { rows, changed } = useMemo(() => sideBySide(left, right), [left, right]);
  return (
    <section aria-label={title} className="mt-4 rounded-card border border-line">
      <h3 className="border-b border-line px-3 py-2 text-sm font-semibold">
        {title} <span className="font-normal text-fg-muted">· {changed === 0 ? identical : `${changed} changed line(s)`}</span>
      </h3>
      <div className="max-h-[60vh] overflow-auto">
        <table className="w-full font-mono text-xs">
          <thead>
            <tr className="text-left text-fg-muted">
              <th colSpan={2} className="px-2 py-1 font-medium">
                {leftLabel}
              </th>
              <th colSpan={2} className="px-2 py-1 font-medium">
                {rightLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <CellView c={r.left} />
                <CellView c={r.right} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
