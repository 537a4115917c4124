import Link from 'next/link';
import type { K8sObject } from '@/lib/k8s/types';
import { objectHref } from '@/lib/k8s/links';
import { refTarget } from '@/lib/k8s/owners';
import { Age } from '@/components/ui/age';
import { Chips, Fields, Section } from './section';

export function MetadataSection({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  const m = obj.metadata;
  const owners = m.ownerReferences ?? [];
  return (
    <Section title="Metadata">
      <Fields
        items={[
          ['Name', <span key="n" className="font-mono">{m.name}</span>],
          ['Namespace', m.namespace],
          ['Created', m.creationTimestamp ? <span key="c">{new Date(m.creationTimestamp).toLocaleString()} (<Age timestamp={m.creationTimestamp} /> ago)</span> : undefined],
          ['Deleting since', m.deletionTimestamp ? new Date(m.deletionTimestamp).toLocaleString() : undefined],
          ['UID', <span key="u" className="font-mono text-xs">{m.uid}</span>],
          [
            'Owners',
            owners.length ? (
              <ul key="o" className="space-y-0.5">
                {owners.map((r) => (
                  <li key={r.uid}>
                    {r.kind}{' '}
                    <Link className="text-accent underline underline-offset-2" href={objectHref(cluster, refTarget(r.apiVersion, r.kind), m.namespace, r.name)}>
                      {r.name}
                    </Link>
                    {r.controller ? <span className="text-fg-muted"> (controller)</span> : null}
                  </li>
                ))}
              </ul>
            ) : undefined,
          ],
          ['Labels', <Chips key="l" map={m.labels} />],
          ['Annotations', <Chips key="a" map={m.annotations} />],
          ['Finalizers', m.finalizers?.length ? m.finalizers.join(', ') : undefined],
        ]}
      />
    </Section>
  );
}
