'use client';
/** One Helm release: header with Uninstall, and the tabs Resources, Values, Manifest, Notes, History. */
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { Badge, Button, ConfirmDialog, ErrorState, SkeletonLines, cn } from '@/components/ui';
import { errorMessage } from '@/lib/api-client';
import { helmKeys, helmQueries, uninstallRelease, type ReleaseId } from './api';
import { useHelmChanges } from '@/lib/realtime/use-helm-changes';
import { helmStatusTone } from './status';
import { ResourcesTab } from './resources-tab';
import { ManifestTab, NotesTab, Restricted, ValuesTab } from './content-tabs';
import { HistoryTab } from './history-tab';

const TABS = ['Resources', 'Values', 'Manifest', 'Notes', 'History'] as const;
type Tab = (typeof TABS)[number];

function UninstallButton({ release, disabledReason, uninstalled }: { release: ReleaseId; disabledReason?: string; uninstalled: boolean }) {
  const qc = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setBusy(true);
    setError(null);
    try {
      // an uninstalled release has only its history left: uninstalling it again purges that (helm's rule)
      const keepHistory = !uninstalled && keep;
      const r = await uninstallRelease(release, keepHistory);
      toast.success(r.message);
      setOpen(false);
      await qc.invalidateQueries({ queryKey: helmKeys.all });
      if (!keepHistory) router.push(`/c/${encodeURIComponent(release.cluster)}/helm`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setKeep(false);
          setError(null);
          setOpen(true);
        }}
        disabled={!!disabledReason} hint={disabledReason}>
        Uninstall
      </Button>
      <ConfirmDialog open={open} title={`Uninstall ${release.name}?`} confirmLabel="Confirm uninstall" danger busy={busy} onConfirm={() => void run()} onCancel={() => setOpen(false)}>
        <p>
          {uninstalled
            ? 'The release is uninstalled already; this deletes its remaining history.'
            : `Every object of the release's current manifest is deleted (except those annotated helm.sh/resource-policy: keep), as helm uninstall does.`}
        </p>
        <p className="mt-2 font-medium text-warn">Hooks are not run: pre-delete and post-delete hooks of the chart will not execute.</p>
        {!uninstalled && (
          <label className="mt-3 flex items-center gap-2 text-fg">
            <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep history
          </label>
        )}
        {error && (
          <p role="alert" className="mt-2 text-error">
            {error}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

export function ReleasePage({ release }: { release: ReleaseId }) {
  const [tab, setTab] = useState<Tab>('Resources');
  const q = useQuery(helmQueries.detail(release));
  const qc = useQueryClient();
  // live: a rollback, upgrade or uninstall from anywhere (helm CLI included) refetches this release
  useHelmChanges([release.cluster], () => void qc.invalidateQueries({ queryKey: helmKeys.release(release) }));
  if (q.isPending) return <SkeletonLines lines={8} />;
  if (q.isError) return <ErrorState error={q.error} title={`Release ${release.name} could not be read`} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const r = d.release;
  const restricted = d.restricted ? `Needs access to the release's records: ${d.restricted}` : undefined;
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-fg-muted">
        <Link className="hover:underline" href={`/c/${encodeURIComponent(release.cluster)}/helm`}>
          Helm releases
        </Link>{' '}
        / {release.namespace}
      </nav>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{r.name}</h1>
        <Badge tone={helmStatusTone(r.status)}>{r.status}</Badge>
        <span className="text-sm text-fg-muted">
          revision {r.revision}
          {r.chart ? ` · ${r.chart}-${r.chartVersion ?? ''}` : ''}
          {r.appVersion ? ` · app ${r.appVersion}` : ''} · namespace {r.namespace} · cluster {r.cluster}
        </span>
        <span className="flex-1" />
        <UninstallButton release={release} disabledReason={restricted} uninstalled={r.status === 'uninstalled'} />
      </div>
      <div role="tablist" aria-label="Release" className="mb-4 flex gap-1 border-b border-line">
        {TABS.map((t) => (
          <button
            key={t}
            role="tab"
            id={`helm-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`helm-panel-${t}`}
            onClick={() => setTab(t)}
            className={cn('-mb-px border-b-2 px-3 py-1.5 text-sm', tab === t ? 'border-accent font-medium text-accent' : 'border-transparent text-fg-muted hover:text-fg')}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`helm-panel-${tab}`} aria-labelledby={`helm-tab-${tab}`}>
        {tab === 'History' ? (
          <HistoryTab release={release} detail={d} />
        ) : d.restricted || !d.current ? (
          <Restricted reason={d.restricted ?? 'the current revision could not be read'} />
        ) : tab === 'Resources' ? (
          <ResourcesTab release={release} />
        ) : tab === 'Values' ? (
          <ValuesTab content={d.current} />
        ) : tab === 'Manifest' ? (
          <ManifestTab content={d.current} />
        ) : (
          <NotesTab content={d.current} />
        )}
      </div>
    </div>
  );
}
