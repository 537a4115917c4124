'use client';
/**
 * Secret keys only: the BFF blanks every value in lists, objects and socket frames. One value is fetched when
 * the user asks for it ("Reveal <key>") and kept only in this component's state until Hide or unmount.
 */
import { useState } from 'react';
import { errorMessage, fetchJson } from '@/lib/api-client';
import { apiUrls } from '@/lib/k8s/client';
import { secretKeyValue } from '@/lib/api-types';
import type { K8sObject } from '@/lib/k8s/types';
import { Button } from '@/components/ui/button';
import { Section } from './section';

type KeyState = { status: 'hidden' } | { status: 'loading' } | { status: 'shown'; value: string } | { status: 'error'; message: string };

export function SecretKeys({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  const keys = Object.keys({ ...((obj.data as object) ?? {}), ...((obj.binaryData as object) ?? {}) }).sort();
  const [state, setState] = useState<Record<string, KeyState>>({});

  async function reveal(key: string) {
    setState((s) => ({ ...s, [key]: { status: 'loading' } }));
    try {
      const url = apiUrls.secretKey(cluster, obj.metadata.namespace ?? '', obj.metadata.name, key);
      const { value } = await fetchJson(url, { schema: secretKeyValue });
      setState((s) => ({ ...s, [key]: { status: 'shown', value } }));
    } catch (err) {
      setState((s) => ({ ...s, [key]: { status: 'error', message: errorMessage(err) } }));
    }
  }

  return (
    <Section title="Data">
      <p className="mb-2 text-sm text-fg-muted">
        Type <span className="font-mono">{(obj.type as string) ?? 'Opaque'}</span>. Values stay on the server until you reveal one.
      </p>
      {keys.length === 0 ? (
        <p className="text-sm text-fg-muted">This secret has no keys.</p>
      ) : (
        <ul className="divide-y divide-line">
          {keys.map((k) => {
            const st = state[k] ?? { status: 'hidden' };
            return (
              <li key={k} className="flex flex-wrap items-start gap-3 py-2">
                <span className="w-56 max-w-full shrink-0 font-mono text-sm break-all">
                  {k}
                </span>
                <div className="min-w-0 flex-1">
                  {st.status === 'shown' ? (
                    <pre className="max-h-64 overflow-auto rounded border border-line bg-surface-2 p-2 font-mono text-xs whitespace-pre-wrap break-all" aria-label={`Value of ${k}`}>
                      {st.value}
                    </pre>
                  ) : st.status === 'error' ? (
                    <span role="alert" className="text-sm text-error">
                      {st.message}
                    </span>
                  ) : (
                    <span className="text-fg-muted" aria-hidden>
                      ••••••••
                    </span>
                  )}
                </div>
                {st.status === 'shown' ? (
                  <Button size="sm" onClick={() => setState((s) => ({ ...s, [k]: { status: 'hidden' } }))} aria-label={`Hide ${k}`}>
                    Hide
                  </Button>
                ) : (
                  <Button size="sm" disabled={st.status === 'loading'} onClick={() => reveal(k)}>
                    Reveal {k}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
