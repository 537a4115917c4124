import { Age } from '@/components/ui/age';
import { StatusDot } from '@/components/ui/status-dot';
import { Section } from './section';
import { DetailTable, detailCell } from './detail-table';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

export function ConditionsSection({ conditions }: { conditions: Condition[] | undefined }) {
  if (!conditions?.length) return null;
  return (
    <Section title="Conditions" flush>
      <DetailTable headers={['Type', 'Status', 'Reason', 'Message', 'Last transition']}>
        {conditions.map((c) => (
          <tr key={c.type} className="align-top">
            <td className={`${detailCell} font-medium`}>{c.type}</td>
            <td className={detailCell}>
              <span className="inline-flex items-center gap-1.5">
                <StatusDot tone={c.status === 'True' ? 'ok' : c.status === 'False' ? 'warn' : 'muted'} />
                {c.status}
              </span>
            </td>
            <td className={detailCell}>{c.reason}</td>
            <td className={`${detailCell} break-words text-fg-muted`}>{c.message}</td>
            <td className={`${detailCell} whitespace-nowrap`}>
              <Age timestamp={c.lastTransitionTime ?? c.lastHeartbeatTime} />
            </td>
          </tr>
        ))}
      </DetailTable>
    </Section>
  );
}
