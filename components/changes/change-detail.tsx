'use client';
/**
 * One change: who, when, what, and its diff (the recorded view before and after, side by side). On an
 * object's Changes tab it also offers "Restore this version": the version's declared content merged into
 * the current object, handed to the YAML editor as a draft, where the usual Review changes / Dry run / Apply
 * path (with its resourceVersion precondition and conflict view) does the rest. Secrets cannot be restored:
 * the history keeps hashes of their values, never the values.
 */
import Link from 'next/link';
import { useId, useState } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { getObject, k8sQueries, objectRef, refId } from '@/lib/k8s/client';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import { viewAfter, viewBefore, restoreVersion } from '@/lib/history/versions';
import { cleanForEdit, toYaml } from '@/lib/yaml/clean';
import { compareHref, objectHref } from '@/lib/k8s/links';
import { TextDiff } from '@/components/rollout-history/text-diff';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { draftKey, saveDraft } from '@/components/yaml-editor/session-draft';
import { actorLabel, objectLabel, timeLabel } from './format';

export interface RestoreTarget {
  cluster: string;
  kind: KindInfo;
  obj: K8sObject;
}

const SECRET_REASON = 'Secret values are not kept by the change history (only a hash of each), so a Secret cannot be restored from it.';

function DiffEntries({ diff }: { diff: { path: string; op: string; before?: unknown; after?: unknown }[] }) {
  const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <table aria-label="Changed fields" className="mt-3 w-full text-left font-mono text-xs">
      <thead className="text-fg-muted">
        <tr>
          <th className="px-2 py-1 font-medium">Field</th>
          <th className="px-2 py-1 font-medium">Before</th>
          <th className="px-2 py-1 font-medium">After</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.path} className="border-t border-line align-top">
            <td className="px-2 py-1 break-all">{d.path}</td>
            <td className="px-2 py-1 break-all">{show(d.before)}</td>
            <td className="px-2 py-1 break-all">{show(d.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChangeDetail({ id, restore }: { id: string; restore?: RestoreTarget }) {
  const q = useQuery(k8sQueries.change(id));
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<unknown>(null);
  const reasonId = useId();

  if (q.isError) return <ErrorState error={q.error} title="Could not load this change" onRetry={() => q.refetch()} />;
  if (q.isPending) return <SkeletonLines lines={8} />;
  const d = q.data;
  const before = viewBefore(d);
  const after = viewAfter(d);
  const isSecret = d.group === '' && d.resource === 'secrets';
  const gvr = { group: d.group, version: d.version, plural: d.resource };

  async function restoreThis() {
    if (!restore || !d.object) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      const ref = objectRef(restore.cluster, restore.kind, restore.obj);
      const current = (await getObject(ref)) as unknown as Record<string, unknown>;
      const merged = restoreVersion(current, d.object);
      saveDraft(draftKey(refId(ref)), {
        text: toYaml(cleanForEdit(merged)),
        base: current,
        showManaged: false,
        note: `Loaded the version recorded ${timeLabel(d.time)} (${d.summary}, by ${actorLabel(d.actor)}). Review changes, dry run, then Apply to restore it.`,
      });
      const next = new URLSearchParams(params.toString());
      next.set('tab', 'yaml');
      next.delete('change');
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    } catch (err) {
      setRestoreError(err);
      setRestoring(false);
    }
  }

  return (
    <section aria-label="Change" className="rounded-card border border-line p-3">
      <h3 className="text-sm font-semibold">{d.summary}</h3>
      <p className="mt-1 text-sm text-fg-muted">
        {d.type} · <time dateTime={d.time}>{timeLabel(d.time)}</time> · by {actorLabel(d.actor)}
        {d.actor.manager && d.actor.manager !== d.actor.name ? ` via ${d.actor.manager}` : ''} ·{' '}
        <Link className="underline" href={objectHref(d.cluster, gvr, d.namespace, d.name)}>
          {objectLabel(d)}
        </Link>{' '}
        in {d.cluster} · resourceVersion {d.resourceVersion}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {restore && (
          <Button
            size="sm"
            variant="primary"
            disabled={isSecret || !d.object || restoring}
            aria-describedby={isSecret || !d.object ? reasonId : undefined}
            onClick={() => void restoreThis()}
          >
            {restoring ? 'Opening…' : 'Restore this version'}
          </Button>
        )}
        {d.object && (
          <Link className="text-sm text-accent underline" href={compareHref(d.cluster, gvr, d.namespace, d.name, { change: d.id })}>
            Compare this version with now
          </Link>
        )}
      </div>
      {restore && (isSecret || !d.object) && (
        <p id={reasonId} className="mt-1 text-xs text-fg-muted">
          {isSecret ? SECRET_REASON : 'This change recorded no version to restore.'}
        </p>
      )}
      {restoreError !== null && <ErrorState compact error={restoreError} title="Could not read the current object to restore into" />}
      {before !== undefined ? (
        <TextDiff
          title="Diff"
          left={before ? toYaml(before) : ''}
          right={after ? toYaml(after) : ''}
          leftLabel={d.type === 'created' ? 'Before (did not exist)' : 'Before'}
          rightLabel={d.type === 'deleted' ? 'After (deleted)' : 'After'}
          identical="no declared field changed"
        />
      ) : null}
      {d.diff.length > 0 && <DiffEntries diff={d.diff} />}
    </section>
  );
}
