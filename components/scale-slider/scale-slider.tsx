'use client';
/**
 * Replica control for anything with a scale subresource: a slider (0..max(10, 2×desired)) and a number input
 * that accepts any larger count, desired / current / ready shown live. Edits are debounced and sent through
 * the scale subresource via the BFF; the shown value is optimistic and reverts (with the server's message in
 * a toast) on failure. Scaling to 0 asks first. When an HPA targets the object the control is read-only and
 * shows the HPA's bounds, because any manual count would be overwritten by the autoscaler on its next sync.
 * Without RBAC permission to patch the scale subresource the control is disabled with the reason shown.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchJson, clusterApi, urlGroup } from '@/lib/api-client';
import { useWatch } from '@/lib/realtime/use-watch';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useLiveObject } from '@/components/workload-actions/use-live-object';
import { FALLBACK_POLL_MS, objectQueryKey } from '@/components/resource-detail/use-object';
import { runOp, workloadUrl } from '@/components/workload-actions/ops-api';
import { useDenied } from '@/components/auth/denied';
import { useCan } from '@/lib/access';
import { findHpa, sliderMax } from './scale-model';

const DEBOUNCE_MS = 600;

interface ScaleObj {
  spec?: { replicas?: number };
  status?: { replicas?: number; readyReplicas?: number };
}

export function ScaleSlider({ cluster, kind, obj }: { cluster: string; kind: KindInfo; obj: K8sObject }) {
  const live = useLiveObject(cluster, kind, obj);
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name;
  const builtIn = kind.group === 'apps';
  // custom resources keep replicas at their own specReplicasPath: read them through /scale instead
  const scaleQ = useQuery({
    // the live object's resourceVersion in the key: a change to the custom resource reads /scale again at once
    queryKey: [...objectQueryKey({ cluster, group: kind.group, version: kind.version, resource: kind.plural, namespace: ns, name }), 'scale', live.metadata.resourceVersion],
    queryFn: () => fetchJson<ScaleObj>(clusterApi(cluster, 'resources', urlGroup(kind.group), kind.version, kind.plural, name, 'scale') + (ns ? `?namespace=${encodeURIComponent(ns)}` : '')),
    enabled: !builtIn,
    placeholderData: (prev) => prev,
    refetchInterval: FALLBACK_POLL_MS,
  });
  const src: ScaleObj = builtIn ? live : (scaleQ.data ?? {});
  const desired = Number(src.spec?.replicas ?? 0);
  const current = Number(src.status?.replicas ?? 0);
  const ready = builtIn ? Number(src.status?.readyReplicas ?? 0) : undefined;

  const hpas = useWatch({ cluster, group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: ns });
  const hpa = findHpa(hpas.items as K8sObject[], kind.kind, name);

  const [draft, setDraft] = useState<number | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [confirmZero, setConfirmZero] = useState(false);
  const sentAt = useRef(0);
  const shown = draft ?? sent ?? desired;
  const max = sliderMax(desired, shown);
  const target = { cluster, group: kind.group, version: kind.version, resource: kind.plural, namespace: ns, name };

  // the optimistic value stands until the live object agrees (or a while passes without it)
  useEffect(() => {
    if (sent !== null && (desired === sent || Date.now() - sentAt.current > 10_000)) setSent(null);
  }, [desired, sent]);

  async function send(v: number) {
    setDraft(null);
    setSent(v);
    sentAt.current = Date.now();
    try {
      await runOp(workloadUrl(target, 'scale'), { body: { replicas: v }, success: `Scaled ${name} to ${v}`, failure: `Could not scale ${name}` });
    } catch {
      setSent(null); // revert to the server's value; the toast carries the reason
    }
  }

  useEffect(() => {
    if (draft === null) return;
    const t = setTimeout(() => {
      if (draft === (sent ?? desired)) setDraft(null);
      else if (draft === 0) setConfirmZero(true);
      else void send(draft);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new draft restarts the debounce
  }, [draft]);

  const edit = (raw: string) => {
    const n = Math.floor(Number(raw));
    if (raw !== '' && Number.isFinite(n) && n >= 0) setDraft(n);
  };
  const canScale = useCan(cluster, { verb: 'patch', group: kind.group, resource: kind.plural, subresource: 'scale', namespace: ns, name });
  const denied = useDenied([canScale], 'w-full');
  const locked = Boolean(hpa) || !canScale.allowed;

  return (
    <section aria-label="Scale" className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-2">
        <span className="text-fg-muted">Replicas</span>
        <input
          type="range"
          aria-label="Replicas"
          min={0}
          max={max}
          step={1}
          value={Math.min(shown, max)}
          disabled={locked}
          {...denied.props(canScale)}
          onChange={(e) => edit(e.target.value)}
          className="w-48 accent-accent"
        />
      </label>
      <input
        type="number"
        aria-label="Replicas count"
        min={0}
        step={1}
        value={shown}
        disabled={locked}
        {...denied.props(canScale)}
        onChange={(e) => edit(e.target.value)}
        className="h-7 w-20 rounded-md border border-line bg-surface px-2"
      />
      <output aria-label="Replica status" aria-live="polite" className="text-fg-muted">
        desired {desired} / current {current}
        {ready !== undefined && <> / ready {ready}</>}
        {(draft !== null || sent !== null) && <span className="ml-2 italic">updating…</span>}
      </output>
      {denied.notes}
      {hpa && (
        <p role="note" className="w-full text-fg-muted">
          Scaled automatically by HorizontalPodAutoscaler <strong>{hpa.name}</strong>: min {hpa.min}, max {hpa.max}. Change the HPA to change the
          replica range.
        </p>
      )}
      <ConfirmDialog
        open={confirmZero}
        title={`Scale ${name} to 0?`}
        confirmLabel="Scale to 0"
        danger
        onCancel={() => {
          setConfirmZero(false);
          setDraft(null);
        }}
        onConfirm={() => {
          setConfirmZero(false);
          void send(0);
        }}
      >
        Every pod of {name} will be stopped.
      </ConfirmDialog>
    </section>
  );
}
