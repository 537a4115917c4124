'use client';
/**
 * The object's events, live: a watch on events in the object's namespace (cluster-scoped objects report into
 * "default"), filtered client-side to this object's uid (kind+name for events written without a uid).
 */
import { useWatch } from '@/lib/realtime/use-watch';
import type { K8sObject } from '@/lib/k8s/types';
import { eventCount, eventLastSeen } from '@/lib/k8s/kinds/event';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { Section } from './section';
import { DetailTable, detailCell } from './detail-table';

export function EventsSection({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  const watch = useWatch({
    cluster,
    group: '',
    version: 'v1',
    resource: 'events',
    namespace: obj.metadata.namespace ?? 'default',
  });
  const uid = obj.metadata.uid;
  const events = (watch.items as unknown as K8sObject[])
    .filter((e) => {
      const io = e.involvedObject as { uid?: string; kind?: string; name?: string } | undefined;
      if (!io) return false;
      return io.uid ? io.uid === uid : io.kind === obj.kind && io.name === obj.metadata.name;
    })
    .map((e) => ({ e, last: eventLastSeen(e) }))
    .sort((a, b) => Date.parse(b.last ?? '') - Date.parse(a.last ?? ''));
  return (
    <Section title={`Events (${events.length})`} flush>
      {events.length === 0 ? (
        <p className="p-4 text-sm text-fg-muted">
          {watch.state === 'loading' ? 'Loading events…' : 'No events for this object (events expire after an hour).'}
        </p>
      ) : (
        <DetailTable headers={['Type', 'Reason', 'Message', 'Count', 'Last seen']} label="Events">
          {events.map(({ e, last }) => (
            <tr key={e.metadata.uid ?? e.metadata.name} className="align-top">
              <td className={detailCell}>
                <Badge tone={e.type === 'Warning' ? 'warn' : 'muted'}>{String(e.type ?? 'Normal')}</Badge>
              </td>
              <td className={`${detailCell} font-medium`}>{String(e.reason ?? '')}</td>
              <td className={`${detailCell} break-words`}>{String(e.message ?? '')}</td>
              <td className={`${detailCell} tabular-nums`}>{eventCount(e)}</td>
              <td className={`${detailCell} whitespace-nowrap`}>
                <Age timestamp={last} />
              </td>
            </tr>
          ))}
        </DetailTable>
      )}
    </Section>
  );
}
