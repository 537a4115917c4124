'use client';
/**
 * Replica control for anything with a scale subresource: a slider (0..max(10, 2×desired)) and a number input
 * that accepts any larger count, desired / current / ready shown live. Edits are debounced and sent through
 * the scale subresource via the BFF, conditional on the resourceVersion the user saw (a count changed by someone
 * else meanwhile is a 409, shown as a conflict, never overwritten); the shown value is optimistic and reverts
 * (with the server's message in a toast) on failure. Scaling to 0 asks first. When an HPA targets the object the control is read-only and
 * shows the HPA's bounds, because any manual count would be overwritten by the autoscaler on its next sync.
 * Without RBAC permission to patch the scale subresource the control is disabled with the reason shown.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiRequestError } from '@/lib/api-client';
import { FALLBACK_POLL_MS, k8sQueries, objectRef, scaleObject, useLiveObject, type ScaleJson } from '@/lib/k8s/client';
import { useWatch } from '@/lib/realtime/use-watch';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { runOp } from '@/components/workload-actions/ops-api';
import { useDenied } from '@/components/auth/denied';
import { useCan } from '@/lib/access';
import { findHpa, sliderMax } from './scale-model';

const DEBOUNCE_MS = 600;

type ScaleObj = Pick<ScaleJson, 'metadata' | 'spec'> & { status?: { replicas?: number; readyReplicas?: number } };

export function ScaleSlider({ cluster, kind, obj }: { cluster: string; kind: KindInfo; obj: K8sObject }) {
  const ref = objectRef(cluster, kind, obj);
  const live = useLiveObject(ref).object ?? obj;
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name;
  const builtIn = kind.group === 'apps';
  // custom resources keep replicas at their own specReplicasPath: read them through /scale instead
  const scaleQ = useQuery({
    // the live object's resourceVersion in the key: a change to the custom resource reads /scale again at once
    ...k8sQueries.scale(ref, live.metadata.resourceVersion),
    enabled: !builtIn,
    placeholderData: (prev) => prev,
    refetchInterval: FALLBACK_POLL_MS,
  });
  const src: ScaleObj = builtIn ? live : (scaleQ.data ?? {});
  // the version the user sees: the precondition of the write (a Scale's resourceVersion is its object's)
  const seenRv = src.metadata?.resourceVersion ?? live.metadata.resourceVersion;
  const desired = Number(src.spec?.replicas ?? 0);
  const current = Number(src.status?.replicas ?? 0);
  const ready = builtIn ? Number(src.status?.readyReplicas ?? 0) : undefined;

  const hpas = useWatch({ cluster, group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: ns });
  const hpa = findHpa(hpas.items as K8sObject[], kind.kind, name);

  const [draft, setDraft] = useState<number | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [confirmZero, setConfirmZero] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const sentAt = useRef(0);
  const shown = draft ?? sent ?? desired;
  const max = sliderMax(desired, shown);

  // the optimistic value stands until the live object agrees (or a while passes without it)
  useEffect(() => {
    if (sent !== null && (desired === sent || Date.now() - sentAt.current > 10_000)) setSent(null);
  }, [desired, sent]);

  async function send(v: number) {
    // what the user chose from: the count they saw (an earlier send of theirs still on its way counts as seen)
    const seenReplicas = sent ?? desired;
    setDraft(null);
    setSent(v);
    setConflict(null);
    sentAt.current = Date.now();
    try {
      if (!seenRv) throw new ApiRequestError({ status: 0, reason: 'Unknown', message: `${name} has no resourceVersion to scale from` });
      await runOp(() => scaleObject(ref, v, seenRv, seenReplicas), { success: `Scaled ${name} to ${v}`, failure: `Could not scale ${name}` });
    } catch (e) {
      setSent(null); // revert to the server's value; the toast carries the reason
      if (e instanceof ApiRequestError && e.status === 409) {
        setConflict(`Not scaled to ${v}: ${name} was changed on the server after you chose (from ${seenReplicas} replicas). The control shows the current count; choose again.`);
      }
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
      {conflict && (
        <p role="alert" aria-label="Scale conflict" className="w-full text-warn">
          {conflict}
        </p>
      )}
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
