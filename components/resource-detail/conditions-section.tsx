import { Age } from '@/components/ui/age';
import { StatusDot } from '@/components/ui/status-dot';
import { Section } from './section';

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
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-fg-muted">
            {['Type', 'Status', 'Reason', 'Message', 'Last transition'].map((h) => (
              <th key={h} scope="col" className="border-b border-line px-4 py-1.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type} className="align-top">
              <td className="border-b border-line/60 px-4 py-1.5 font-medium">{c.type}</td>
              <td className="border-b border-line/60 px-4 py-1.5">
                <span className="inline-flex items-center gap-1.5">
                  <StatusDot tone={c.status === 'True' ? 'ok' : c.status === 'False' ? 'warn' : 'muted'} />
                  {c.status}
                </span>
              </td>
              <td className="border-b border-line/60 px-4 py-1.5">{c.reason}</td>
              <td className="border-b border-line/60 px-4 py-1.5 break-words text-fg-muted">{c.message}</td>
              <td className="border-b border-line/60 px-4 py-1.5 whitespace-nowrap">
                <Age timestamp={c.lastTransitionTime ?? c.lastHeartbeatTime} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
