'use client';
/** "Debug": an ephemeral container (image, busybox by default; a target container to share its processes). */
import { useState } from 'react';
import { fetchJson, errorMessage } from '@/lib/api-client';
import { execUrls } from '@/lib/k8s/client';
import { debugResponse, DEFAULT_DEBUG_IMAGE, imageRef } from '@/lib/exec/debug';
import { Button } from '@/components/ui/button';

export function DebugForm({ cluster, namespace, pod, containers, onStarted }: { cluster: string; namespace: string; pod: string; containers: string[]; onStarted: (container: string) => void }) {
  const [image, setImage] = useState(DEFAULT_DEBUG_IMAGE);
  const [target, setTarget] = useState(containers[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const valid = imageRef.safeParse(image);

  const start = async () => {
    if (!valid.success) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetchJson(execUrls.debug(cluster, namespace, pod), { method: 'POST', body: JSON.stringify({ image: valid.data, ...(target ? { target } : {}) }), schema: debugResponse });
      onStarted(r.container);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-label="Debug container"
      className="flex flex-wrap items-end gap-3 rounded-md border border-line bg-surface-2 p-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="text-fg-muted">Image</span>
        <input className="h-8 w-56 rounded-md border border-line bg-surface px-2 font-mono" value={image} onChange={(e) => setImage(e.target.value)} aria-invalid={!valid.success} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-fg-muted">Target container</span>
        <select className="h-8 rounded-md border border-line bg-surface px-2" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">(none)</option>
          {containers.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={busy || !valid.success}>
        {busy ? 'Starting…' : 'Start debug container'}
      </Button>
      {!valid.success && <p className="w-full text-error">{valid.error.issues[0]?.message}</p>}
      {error && (
        <p role="alert" className="w-full text-error">
          {error}
        </p>
      )}
    </form>
  );
}
