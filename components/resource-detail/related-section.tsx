'use client';
/**
 * Related objects: a workload's (or service's) pods via its selector, applied server-side through the watch's
 * label selector; the services selecting a pod; the owner chain; a node's pods (REST list with a field selector,
 * polled: the watch's field selector covers metadata.name/namespace only, not spec.nodeName, and an
 * all-namespaces pod watch is too big at scale).
 */
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from '@/lib/realtime/use-watch';
import type { K8sObject } from '@/lib/k8s/types';
import { k8sQueries, type ObjectRef } from '@/lib/k8s/client';
import { objectHref } from '@/lib/k8s/links';
import { refTarget } from '@/lib/k8s/owners';
import { selectorString } from '@/lib/k8s/kinds/workloads';
import { serviceSelects, servicePorts } from '@/lib/k8s/kinds/service';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { Section } from './section';
import { PodsTable } from './pods-table';

const SELECTS_PODS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service']);

export function RelatedSection({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  const kind = obj.kind ?? '';
  return (
    <>
      {obj.metadata.ownerReferences?.length ? <OwnerChain cluster={cluster} obj={obj} /> : null}
      {SELECTS_PODS.has(kind) && selectorString(obj.spec?.selector) && <SelectedPods cluster={cluster} obj={obj} selector={selectorString(obj.spec?.selector)} />}
      {kind === 'Pod' && <PodServices cluster={cluster} pod={obj} />}
      {kind === 'Node' && <NodePods cluster={cluster} node={obj} />}
    </>
  );
}

/** Only rendered with a non-empty selector: an empty one would watch every pod in the namespace. */
function SelectedPods({ cluster, obj, selector }: { cluster: string; obj: K8sObject; selector: string }) {
  const watch = useWatch({ cluster, group: '', version: 'v1', resource: 'pods', namespace: obj.metadata.namespace, labelSelector: selector });
  const pods = watch.items as unknown as K8sObject[];
  return (
    <Section title={`Pods (${pods.length})`} flush>
      {watch.state === 'loading' && pods.length === 0 ? <SkeletonLines lines={3} className="p-4" /> : pods.length === 0 ? <p className="p-4 text-sm text-fg-muted">No pods match {selector}.</p> : <PodsTable cluster={cluster} pods={pods} label="Pods" />}
    </Section>
  );
}

function PodServices({ cluster, pod }: { cluster: string; pod: K8sObject }) {
  const watch = useWatch({ cluster, group: '', version: 'v1', resource: 'services', namespace: pod.metadata.namespace });
  const services = (watch.items as unknown as K8sObject[]).filter((s) => serviceSelects(s, pod.metadata.labels));
  return (
    <Section title={`Services (${services.length})`}>
      {services.length === 0 ? (
        <p className="text-sm text-fg-muted">No service selects this pod.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {services.map((s) => (
            <li key={s.metadata.name}>
              <Link className="text-accent underline underline-offset-2" href={objectHref(cluster, { group: '', version: 'v1', resource: 'services' }, s.metadata.namespace, s.metadata.name)}>
                {s.metadata.name}
              </Link>{' '}
              <span className="font-mono text-xs text-fg-muted">{servicePorts(s)}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Owner chain, walked upwards one GET per level (pod → replicaset → deployment). */
function OwnerChain({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  return (
    <Section title="Owner chain">
      <ol className="space-y-1 text-sm">
        <OwnerLevel cluster={cluster} obj={obj} depth={0} />
      </ol>
    </Section>
  );
}

function OwnerLevel({ cluster, obj, depth }: { cluster: string; obj: K8sObject; depth: number }) {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller) ?? obj.metadata.ownerReferences?.[0];
  const target = ref ? refTarget(ref.apiVersion, ref.kind) : null;
  if (!ref || !target || depth >= 5) return null;
  const owner: ObjectRef = { cluster, ...target, namespace: obj.metadata.namespace, name: ref.name };
  return <OwnerItem owner={owner} kind={ref.kind} depth={depth} />;
}

function OwnerItem({ owner, kind, depth }: { owner: ObjectRef; kind: string; depth: number }) {
  const { cluster } = owner;
  const ref = { kind, name: owner.name };
  const target = owner;
  const obj = { metadata: { namespace: owner.namespace } };
  // owner links need no liveness: read again now and then
  const q = useQuery({ ...k8sQueries.object(owner), refetchInterval: 30_000 });
  return (
    <>
      <li style={{ paddingLeft: depth * 16 }}>
        <span className="text-fg-muted">{ref.kind}</span>{' '}
        <Link className="text-accent underline underline-offset-2" href={objectHref(cluster, target, obj.metadata.namespace, ref.name)}>
          {ref.name}
        </Link>
        {q.isError && <span className="text-fg-muted"> (not readable)</span>}
      </li>
      {q.data && <OwnerLevel cluster={cluster} obj={{ ...q.data, kind: q.data.kind ?? ref.kind }} depth={depth + 1} />}
    </>
  );
}

function NodePods({ cluster, node }: { cluster: string; node: K8sObject }) {
  const name = node.metadata.name;
  const q = useQuery({
    ...k8sQueries.list({ cluster, group: '', version: 'v1', resource: 'pods' }, { fieldSelector: `spec.nodeName=${name}` }),
    refetchInterval: 10_000,
  });
  // filter again: the field selector narrows the transfer, this keeps the view right if a proxy ignores it
  const pods = ((q.data?.items ?? []) as K8sObject[]).filter((p) => p.spec?.nodeName === name);
  return (
    <Section title={`Pods on this node (${pods.length})`} flush>
      {q.isError ? <ErrorState error={q.error} title="Could not list the node's pods" onRetry={() => q.refetch()} compact className="m-4" /> : q.isLoading ? <SkeletonLines lines={3} className="p-4" /> : <PodsTable cluster={cluster} pods={pods} label="Pods on this node" />}
    </Section>
  );
}
