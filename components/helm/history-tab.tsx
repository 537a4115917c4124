'use client';
/**
 * Every revision (status, chart, app version, description, time), a comparison of any two revisions' values
 * and manifests, and rollback to a chosen revision (confirmed, with the note that hooks are not run).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { Age, Badge, Button, ConfirmDialog, ErrorState, SkeletonLines } from '@/components/ui';
import { errorMessage } from '@/lib/api-client';
import type { HelmDetailResponse } from '@/lib/helm/types';
import { helmKeys, helmQueries, rollbackRelease, type ReleaseId } from './api';
import { helmStatusTone } from './status';
import { TextDiff } from '@/components/rollout-history/text-diff';

function Comparison({ release, from, to }: { release: ReleaseId; from: number; to: number }) {
  const a = useQuery(helmQueries.revision(release, from));
  const b = useQuery(helmQueries.revision(release, to));
  if (a.isError || b.isError) return <ErrorState error={a.error ?? b.error} title="The revisions could not be read" />;
  if (!a.data || !b.data) return <SkeletonLines lines={4} className="mt-4" />;
  const labels = { leftLabel: `Revision ${from}`, rightLabel: `Revision ${to}` };
  return (
    <>
      <TextDiff title={`Values: revision ${from} vs revision ${to}`} left={a.data.values} right={b.data.values} {...labels} />
      <TextDiff title={`Manifest: revision ${from} vs revision ${to}`} left={a.data.manifest} right={b.data.manifest} {...labels} />
    </>
  );
}

function RevisionSelect({ label, value, onChange, revisions }: { label: string; value: number; onChange: (v: number) => void; revisions: number[] }) {
  return (
    <label className="flex items-center gap-1.5 text-sm">
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.target.value))} className="h-8 rounded-md border border-line bg-surface px-2">
        {revisions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HistoryTab({ release, detail }: { release: ReleaseId; detail: HelmDetailResponse }) {
  const qc = useQueryClient();
  const revisions = detail.history.map((h) => h.revision);
  const latest = revisions[revisions.length - 1] ?? 1;
  const [from, setFrom] = useState(revisions[revisions.length - 2] ?? latest);
  const [to, setTo] = useState(latest);
  const [compared, setCompared] = useState<[number, number] | null>(null);
  const [target, setTarget] = useState(revisions[revisions.length - 2] ?? latest);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function doRollback() {
    setBusy(true);
    try {
      const r = await rollbackRelease(release, target);
      setResult({ ok: true, text: r.message });
      toast.success(r.message);
      await qc.invalidateQueries({ queryKey: helmKeys.all });
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const noRecords = detail.restricted ? `Needs access to the release's records: ${detail.restricted}` : undefined;
  return (
    <div>
      <table className="w-full text-sm" aria-label="Revisions">
        <thead className="text-left text-xs text-fg-muted">
          <tr>
            <th className="py-1 pr-3 font-medium">Revision</th>
            <th className="py-1 pr-3 font-medium">Updated</th>
            <th className="py-1 pr-3 font-medium">Status</th>
            <th className="py-1 pr-3 font-medium">Chart</th>
            <th className="py-1 pr-3 font-medium">App version</th>
            <th className="py-1 pr-3 font-medium">Description</th>
          </tr>
        </thead>
        <tbody>
          {[...detail.history].reverse().map((h) => (
            <tr key={h.revision} className="border-t border-line">
              <td className="py-1.5 pr-3 tabular-nums">{h.revision}</td>
              <td className="py-1.5 pr-3">{h.updated ? <Age timestamp={h.updated} /> : '—'}</td>
              <td className="py-1.5 pr-3">
                <Badge tone={helmStatusTone(h.status)}>{h.status}</Badge>
              </td>
              <td className="py-1.5 pr-3">{h.chart ? `${h.chart}-${h.chartVersion ?? ''}` : '—'}</td>
              <td className="py-1.5 pr-3">{h.appVersion ?? '—'}</td>
              <td className="py-1.5 pr-3">{h.description ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-line pt-3">
        <RevisionSelect label="From revision" value={from} onChange={setFrom} revisions={revisions} />
        <RevisionSelect label="To revision" value={to} onChange={setTo} revisions={revisions} />
        <Button onClick={() => setCompared([from, to])} disabled={!!noRecords} hint={noRecords}>
          Compare
        </Button>
        <span className="mx-2 h-6 border-l border-line" aria-hidden />
        <RevisionSelect label="Roll back to revision" value={target} onChange={setTarget} revisions={revisions} />
        <Button variant="primary" onClick={() => setConfirming(true)} disabled={!!noRecords || revisions.length < 2} hint={noRecords ?? (revisions.length < 2 ? 'There is no other revision to roll back to' : undefined)}>
          Roll back
        </Button>
      </div>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'mt-2 text-sm text-ok' : 'mt-2 text-sm text-error'}>
          {result.text}
        </p>
      )}
      {compared && <Comparison release={release} from={compared[0]} to={compared[1]} />}
      <ConfirmDialog
        open={confirming}
        title={`Roll back ${release.name} to revision ${target}?`}
        confirmLabel="Confirm rollback"
        busy={busy}
        onConfirm={() => void doRollback()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Revision {latest + 1} will be written with revision {target}&apos;s chart, values and manifest: its objects are applied and objects it does not
          have are deleted, as <code>helm rollback</code> does.
        </p>
        <p className="mt-2 font-medium text-warn">Hooks are not run: pre-rollback and post-rollback hooks of the chart will not execute.</p>
      </ConfirmDialog>
    </div>
  );
}
