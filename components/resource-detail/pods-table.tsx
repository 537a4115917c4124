import Link from 'next/link';
import { ScrollPanel } from '@/components/ui/scroll-panel';
import type { K8sObject } from '@/lib/k8s/types';
import { objectHref } from '@/lib/k8s/links';
import { podSummaryCached } from '@/lib/k8s/kinds/pod';
import { statusTone } from '@/lib/k8s/status-tone';
import { StatusDot } from '@/components/ui/status-dot';
import { Age } from '@/components/ui/age';
import { DetailTable, detailCell } from './detail-table';

const POD = { group: '', version: 'v1', resource: 'pods' };
const MAX = 200;

/** A compact pod table for related-object sections (capped: a node or a big workload can own thousands). */
export function PodsTable({ cluster, pods, label }: { cluster: string; pods: K8sObject[]; label: string }) {
  const shown = [...pods].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).slice(0, MAX);
  return (
    <ScrollPanel>
      <DetailTable headers={['Name', 'Ready', 'Status', 'Restarts', 'Node', 'Age']} label={label} nowrap>
        {shown.map((p) => {
          const s = podSummaryCached(p);
          return (
            <tr key={p.metadata.uid ?? p.metadata.name}>
              <td className={detailCell}>
                <Link className="text-accent hover:underline" href={objectHref(cluster, POD, p.metadata.namespace, p.metadata.name)}>
                  {p.metadata.name}
                </Link>
              </td>
              <td className={`${detailCell} tabular-nums`}>{`${s.ready}/${s.total}`}</td>
              <td className={detailCell}>
                <span className="inline-flex items-center gap-1.5">
                  <StatusDot tone={statusTone(s.reason)} />
                  {s.reason}
                </span>
              </td>
              <td className={`${detailCell} tabular-nums`}>{s.restarts}</td>
              <td className={detailCell}>{p.spec?.nodeName}</td>
              <td className={detailCell}>
                <Age timestamp={p.metadata.creationTimestamp} />
              </td>
            </tr>
          );
        })}
      </DetailTable>
      {pods.length > MAX && (
        <p className="px-4 py-2 text-sm text-fg-muted">
          Showing {MAX} of {pods.length}.
        </p>
      )}
    </ScrollPanel>
  );
}
