'use client';
/** Side-by-side diff of two revisions' pod templates as YAML: deliberately small, no Monaco on this tab. */
import { useMemo } from 'react';
import YAML from 'yaml';
import type { Revision } from '@/lib/k8s/rollout';
import { cn } from '@/components/ui/cn';
import { sideBySide, type Cell } from './side-by-side';

function CellView({ c }: { c?: Cell }) {
  return (
    <>
      <td className="w-10 select-none pr-2 text-right text-fg-muted">{c?.n ?? ''}</td>
      <td className={cn('whitespace-pre-wrap break-all pr-3', c?.kind === 'removed' && 'bg-error/12', c?.kind === 'added' && 'bg-ok/12')}>
        {c ? (c.kind === 'removed' ? '- ' : c.kind === 'added' ? '+ ' : '  ') + c.text : ''}
      </td>
    </>
  );
}

export function TemplateDiff({ from, to }: { from: Revision; to: Revision }) {
  const { rows, changed } = useMemo(() => sideBySide(YAML.stringify(from.template), YAML.stringify(to.template)), [from, to]);
  const title = `Revision ${from.revision} vs revision ${to.revision}`;
  return (
    <section aria-label={title} className="mt-4 rounded-card border border-line">
      <h3 className="border-b border-line px-3 py-2 text-sm font-semibold">
        {title} <span className="font-normal text-fg-muted">· {changed === 0 ? 'identical pod templates' : `${changed} changed line(s)`}</span>
      </h3>
      <div className="overflow-auto">
        <table className="w-full font-mono text-xs">
          <thead>
            <tr className="text-left text-fg-muted">
              <th colSpan={2} className="px-2 py-1 font-medium">
                Revision {from.revision}
              </th>
              <th colSpan={2} className="px-2 py-1 font-medium">
                Revision {to.revision}
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
