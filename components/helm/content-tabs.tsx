'use client';
/** Values (user-supplied or computed), Manifest (with the hooks listed) and Notes of the current revision. */
import { useState } from 'react';
import type { HelmRevisionContent } from '@/lib/helm/types';

const pre = 'max-h-[70vh] overflow-auto rounded-card border border-line bg-surface-2 p-3 font-mono text-xs whitespace-pre';

export function Restricted({ reason }: { reason: string }) {
  return (
    <p role="note" className="rounded-card border border-warn/30 bg-warn/12 p-3 text-sm">
      Not shown: {reason}
    </p>
  );
}

export function ValuesTab({ content }: { content: HelmRevisionContent }) {
  const [all, setAll] = useState(false);
  return (
    <div>
      <fieldset className="mb-2 flex gap-4 text-sm">
        <legend className="sr-only">Which values</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="values" checked={!all} onChange={() => setAll(false)} /> User-supplied
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="values" checked={all} onChange={() => setAll(true)} /> Computed (chart defaults merged)
        </label>
      </fieldset>
      <pre aria-label={all ? 'Computed values' : 'User-supplied values'} className={pre}>
        {all ? content.computedValues : content.values}
      </pre>
    </div>
  );
}

export function ManifestTab({ content }: { content: HelmRevisionContent }) {
  return (
    <div>
      <pre aria-label="Rendered manifest" className={pre}>
        {content.manifest || '# empty manifest'}
      </pre>
      <h3 className="mt-4 mb-1 text-sm font-semibold">Hooks</h3>
      {content.hooks.length === 0 ? (
        <p className="text-sm text-fg-muted">This revision has no hooks.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Hooks">
          <thead className="text-left text-xs text-fg-muted">
            <tr>
              <th className="py-1 pr-3 font-medium">Name</th>
              <th className="py-1 pr-3 font-medium">Kind</th>
              <th className="py-1 pr-3 font-medium">Events</th>
              <th className="py-1 pr-3 font-medium">Weight</th>
              <th className="py-1 pr-3 font-medium">Delete policies</th>
              <th className="py-1 pr-3 font-medium">Last run</th>
            </tr>
          </thead>
          <tbody>
            {content.hooks.map((h) => (
              <tr key={`${h.kind}/${h.name}`} className="border-t border-line">
                <td className="py-1.5 pr-3">{h.name}</td>
                <td className="py-1.5 pr-3">{h.kind}</td>
                <td className="py-1.5 pr-3">{h.events.join(', ')}</td>
                <td className="py-1.5 pr-3">{h.weight}</td>
                <td className="py-1.5 pr-3">{h.deletePolicies.join(', ') || '—'}</td>
                <td className="py-1.5 pr-3">{h.lastRun ? `${h.lastRun.phase}${h.lastRun.completedAt ? ` at ${new Date(h.lastRun.completedAt).toLocaleString()}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function NotesTab({ content }: { content: HelmRevisionContent }) {
  return content.notes ? (
    <pre aria-label="Release notes" className={pre}>
      {content.notes}
    </pre>
  ) : (
    <p className="text-sm text-fg-muted">The chart printed no notes for this revision.</p>
  );
}
