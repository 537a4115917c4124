import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import { ScrollPanel } from '@/components/ui/scroll-panel';
import type { K8sObject } from '@/lib/k8s/types';
import { templateContainers } from '@/lib/k8s/kinds/workloads';
import { statusTone } from '@/lib/k8s/status-tone';
import { StatusDot } from '@/components/ui/status-dot';
import { Section } from './section';
import { PortActions } from '@/components/terminal/port-actions';
import { DetailTable, detailCell } from './detail-table';

function stateOf(cs: ContainerStatus | undefined): string {
  if (!cs) return '';
  if (cs.state?.running) return cs.ready ? 'Running' : 'Running, not ready';
  if (cs.state?.waiting) return cs.state.waiting.reason ?? 'Waiting';
  if (cs.state?.terminated) return cs.state.terminated.reason ?? `ExitCode:${cs.state.terminated.exitCode}`;
  return '';
}

const res = (r: Record<string, string> | undefined) =>
  Object.entries(r ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

/** Containers of a pod (with live state) or of a workload's pod template. */
export function ContainersSection({ obj, cluster }: { obj: K8sObject; cluster?: string }) {
  const isPod = obj.kind === 'Pod';
  const containers: (Container & { init?: boolean })[] = isPod
    ? [
        ...((obj.spec?.initContainers ?? []) as Container[]).map((c) => ({
          ...c,
          init: true,
        })),
        ...((obj.spec?.containers ?? []) as Container[]),
      ]
    : templateContainers(obj);
  if (containers.length === 0) return null;
  const statuses = new Map<string, ContainerStatus>(
    [...(obj.status?.initContainerStatuses ?? []), ...(obj.status?.containerStatuses ?? [])].map((s: ContainerStatus) => [s.name, s]),
  );
  return (
    <Section title="Containers" flush>
      <ScrollPanel>
        <DetailTable headers={['Name', 'Image', 'Ports', 'Requests', 'Limits', ...(isPod ? ['State', 'Restarts'] : [])]}>
          {containers.map((c) => {
            const cs = statuses.get(c.name);
            const st = stateOf(cs);
            return (
              <tr key={c.name} className="align-top">
                <td className={`${detailCell} font-medium`}>
                  {c.name}
                  {c.init ? <span className="text-fg-muted"> (init)</span> : null}
                </td>
                <td className={`${detailCell} font-mono text-xs break-all`}>{c.image}</td>
                <td className={`${detailCell} font-mono text-xs`}>
                  {(c.ports ?? []).map((p) => (
                    <div key={`${p.containerPort}/${p.protocol ?? 'TCP'}`}>
                      {`${p.name ? `${p.name}:` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`}
                      {isPod && cluster && (p.protocol ?? 'TCP') === 'TCP' && (
                        <PortActions
                          cluster={cluster}
                          kind="pods"
                          namespace={obj.metadata.namespace!}
                          name={obj.metadata.name}
                          port={p.containerPort}
                          label={`port ${p.containerPort} of ${c.name}`}
                        />
                      )}
                    </div>
                  ))}
                </td>
                <td className={`${detailCell} text-xs`}>{res(c.resources?.requests)}</td>
                <td className={`${detailCell} text-xs`}>{res(c.resources?.limits)}</td>
                {isPod && (
                  <>
                    <td className={detailCell}>
                      {st && (
                        <span className="inline-flex items-center gap-1.5">
                          <StatusDot tone={statusTone(st.split(',')[0])} />
                          {st}
                        </span>
                      )}
                    </td>
                    <td className={`${detailCell} tabular-nums`}>{cs?.restartCount ?? 0}</td>
                  </>
                )}
              </tr>
            );
          })}
        </DetailTable>
      </ScrollPanel>
    </Section>
  );
}
