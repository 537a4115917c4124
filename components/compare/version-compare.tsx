'use client';
/**
 * The current object against a version the change history recorded (GET /api/changes/:id's object). Both are
 * projected onto the recorded view (lib/compare/normalize.ts, shape 'recorded') so only declared content
 * compares. Secrets: the browser never holds values and the history keeps hashes, so only key names compare.
 */
import { useQuery } from '@tanstack/react-query';
import { k8sQueries } from '@/lib/k8s/client';
import { normalizeObject } from '@/lib/compare/normalize';
import { toYaml } from '@/lib/yaml/clean';
import { TextDiff } from '@/components/rollout-history/text-diff';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { actorLabel, timeLabel } from '@/components/changes/format';

type Obj = Record<string, unknown>;

function keysOnly(o: Obj): Obj {
  const out = { ...o };
  for (const f of ['data', 'stringData']) {
    const m = o[f];
    if (m && typeof m === 'object') out[f] = Object.fromEntries(Object.keys(m).map((k) => [k, '(value not shown)']));
  }
  return out;
}

export function VersionCompare(p: { cluster: string; group: string; version: string; resource: string; namespace?: string; name: string; kind: string; change: string }) {
  const ref = { cluster: p.cluster, group: p.group, version: p.version, resource: p.resource, namespace: p.namespace, name: p.name };
  const detail = useQuery(k8sQueries.change(p.change));
  const current = useQuery({ ...k8sQueries.object(ref), retry: false });
  const secret = p.group === '' && p.resource === 'secrets';
  const view = (o: unknown) => normalizeObject(secret ? keysOnly(o as Obj) : o, { shape: 'recorded' });

  if (detail.isError) return <ErrorState error={detail.error} title="Could not load the recorded version" onRetry={() => detail.refetch()} />;
  if (detail.isPending || current.isPending) return <SkeletonLines lines={10} />;
  const d = detail.data;
  const versionLabel = `Version of ${timeLabel(d.time)} (${actorLabel(d.actor)})`;
  if (!d.object) return <p role="status" className="text-sm">This change recorded no version of the object.</p>;
  return (
    <div className="space-y-2">
      {secret && <p className="text-sm text-fg-muted">Secret values are neither kept by the history nor shown: only key names compare.</p>}
      {current.isError ? (
        <p role="status" className="rounded-card border border-warn/40 bg-warn/5 p-3 text-sm">
          {p.kind} {p.name} could not be read now: {current.error.message}
        </p>
      ) : (
        <TextDiff
          title={`${versionLabel} vs now`}
          left={toYaml(view(d.object))}
          right={toYaml(view(current.data))}
          leftLabel={versionLabel}
          rightLabel={`Now (${p.cluster})`}
          identical="identical to the current object"
        />
      )}
    </div>
  );
}
