/**
 * Per-kind "important spec" sections, as an explicit map from kind to components (convention 1: the generic
 * page plus an explicit per-kind map; no string-built imports). Kinds not listed show only the generic parts.
 */
import type { ComponentType } from 'react';
import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { K8sObject } from '@/lib/k8s/types';
import { selectorString, desiredReplicas } from '@/lib/k8s/kinds/workloads';
import { serviceExternalIP } from '@/lib/k8s/kinds/service';
import { nodeRoles } from '@/lib/k8s/kinds/node';
import { jobCompletions, jobStatus } from '@/lib/k8s/kinds/batch';
import { ContainersSection } from './containers-section';
import { PortActions } from '@/components/terminal/port-actions';
import { SecretKeys } from './secret-keys';
import { Fields, Section } from './section';
import { DetailTable, detailCell } from './detail-table';

export interface SpecProps {
  cluster: string;
  obj: K8sObject;
}

const mono = (s: string | undefined) => (s ? <span className="font-mono text-xs">{s}</span> : undefined);

function WorkloadSpec({ obj }: SpecProps) {
  const s = obj.spec ?? {};
  const st = obj.status ?? {};
  return (
    <Section title="Spec">
      <Fields
        items={[
          [
            'Replicas',
            obj.kind === 'DaemonSet'
              ? undefined
              : `${desiredReplicas(obj)} desired, ${st.updatedReplicas ?? 0} updated, ${st.readyReplicas ?? 0} ready, ${st.availableReplicas ?? 0} available`,
          ],
          ['Selector', mono(selectorString(s.selector))],
          ['Strategy', s.strategy?.type ?? s.updateStrategy?.type],
          [
            'Max surge / unavailable',
            s.strategy?.rollingUpdate ? `${s.strategy.rollingUpdate.maxSurge ?? '25%'} / ${s.strategy.rollingUpdate.maxUnavailable ?? '25%'}` : undefined,
          ],
          ['Service name', s.serviceName],
          ['Min ready seconds', s.minReadySeconds],
          ['Revision history limit', s.revisionHistoryLimit],
          ['Paused', s.paused ? 'Yes' : undefined],
        ]}
      />
    </Section>
  );
}

function PodSpec({ obj }: SpecProps) {
  const s = obj.spec ?? {};
  const st = obj.status ?? {};
  return (
    <Section title="Pod">
      <Fields
        items={[
          ['Node', s.nodeName],
          ['Pod IP', mono(st.podIP)],
          ['Host IP', mono(st.hostIP)],
          ['Phase', st.phase],
          ['QoS class', st.qosClass],
          ['Service account', s.serviceAccountName],
          ['Restart policy', s.restartPolicy],
          ['Priority class', s.priorityClassName],
          ['Message', st.message],
        ]}
      />
    </Section>
  );
}

function JobSpec({ obj }: SpecProps) {
  const s = obj.spec ?? {};
  return (
    <Section title="Job">
      <Fields
        items={[
          ['Status', jobStatus(obj)],
          ['Completions', jobCompletions(obj)],
          ['Parallelism', s.parallelism],
          ['Backoff limit', s.backoffLimit],
          ['Active / failed', `${obj.status?.active ?? 0} / ${obj.status?.failed ?? 0}`],
          ['Selector', mono(selectorString(s.selector))],
        ]}
      />
    </Section>
  );
}

function CronJobSpec({ obj }: SpecProps) {
  const s = obj.spec ?? {};
  return (
    <Section title="Schedule">
      <Fields
        items={[
          ['Schedule', mono(s.schedule)],
          ['Time zone', s.timeZone],
          ['Suspended', s.suspend ? 'Yes' : 'No'],
          ['Concurrency policy', s.concurrencyPolicy],
          ['Last schedule', obj.status?.lastScheduleTime],
          ['Last success', obj.status?.lastSuccessfulTime],
        ]}
      />
    </Section>
  );
}

function ServiceSpec({ cluster, obj }: SpecProps) {
  const s = obj.spec ?? {};
  const ports = (s.ports ?? []) as {
    name?: string;
    port: number;
    targetPort?: number | string;
    nodePort?: number;
    protocol?: string;
  }[];
  return (
    <Section title="Service">
      <Fields
        items={[
          ['Type', s.type ?? 'ClusterIP'],
          ['Cluster IP', mono(s.clusterIP)],
          ['External IP', mono(serviceExternalIP(obj))],
          ['Selector', mono(selectorString(s.selector)) ?? 'none (endpoints managed elsewhere)'],
          ['Session affinity', s.sessionAffinity],
          [
            'Ports',
            ports.length ? (
              <ul key="p" className="font-mono text-xs">
                {ports.map((p) => (
                  <li key={`${p.port}/${p.protocol}`}>
                    {p.name ? `${p.name}: ` : ''}
                    {p.port} → {String(p.targetPort ?? p.port)}
                    {p.nodePort ? ` (node ${p.nodePort})` : ''}/{p.protocol ?? 'TCP'}
                    {(p.protocol ?? 'TCP') === 'TCP' && (
                      <PortActions
                        cluster={cluster}
                        kind="services"
                        namespace={obj.metadata.namespace!}
                        name={obj.metadata.name}
                        port={p.name || p.port}
                        label={`port ${p.port}`}
                      />
                    )}
                  </li>
                ))}
              </ul>
            ) : undefined,
          ],
        ]}
      />
    </Section>
  );
}

function NodeSpec({ obj }: SpecProps) {
  const node = obj as unknown as Node;
  const cap = node.status?.capacity ?? {};
  const alloc = node.status?.allocatable ?? {};
  const resources = [...new Set([...Object.keys(cap), ...Object.keys(alloc)])].sort();
  const taints: Taint[] = node.spec?.taints ?? [];
  const info = node.status?.nodeInfo;
  return (
    <>
      <Section title="Capacity" flush>
        <DetailTable headers={['Resource', 'Capacity', 'Allocatable']}>
          {resources.map((r) => (
            <tr key={r}>
              <td className={detailCell}>{r}</td>
              <td className={`${detailCell} font-mono text-xs`}>{cap[r]}</td>
              <td className={`${detailCell} font-mono text-xs`}>{alloc[r]}</td>
            </tr>
          ))}
        </DetailTable>
      </Section>
      <Section title="Node">
        <Fields
          items={[
            ['Roles', nodeRoles(obj)],
            ['Unschedulable', node.spec?.unschedulable ? 'Yes (cordoned)' : 'No'],
            [
              'Taints',
              taints.length ? (
                <ul key="t" className="font-mono text-xs">
                  {taints.map((t) => (
                    <li key={`${t.key}:${t.effect}`}>
                      {t.key}
                      {t.value ? `=${t.value}` : ''}:{t.effect}
                    </li>
                  ))}
                </ul>
              ) : (
                'none'
              ),
            ],
            ['Addresses', (node.status?.addresses ?? []).map((a) => `${a.type}: ${a.address}`).join(', ')],
            ['Pod CIDR', mono(node.spec?.podCIDR)],
            ['Kubelet', info?.kubeletVersion],
            ['OS / arch', info ? `${info.osImage} (${info.operatingSystem}/${info.architecture})` : undefined],
            ['Kernel', info?.kernelVersion],
            ['Container runtime', info?.containerRuntimeVersion],
          ]}
        />
      </Section>
    </>
  );
}

function ConfigMapData({ obj }: SpecProps) {
  const data = (obj.data ?? {}) as Record<string, string>;
  const binary = Object.keys((obj.binaryData as object) ?? {});
  const keys = Object.keys(data).sort();
  return (
    <Section title="Data">
      {keys.length === 0 && binary.length === 0 ? <p className="text-sm text-fg-muted">No data.</p> : null}
      <dl className="space-y-3">
        {keys.map((k) => (
          <div key={k}>
            <dt className="font-mono text-sm font-medium">{k}</dt>
            <dd>
              <pre className="mt-1 max-h-64 overflow-auto rounded border border-line bg-surface-2 p-2 font-mono text-xs whitespace-pre-wrap">{data[k]}</pre>
            </dd>
          </div>
        ))}
        {binary.map((k) => (
          <div key={k}>
            <dt className="font-mono text-sm font-medium">{k}</dt>
            <dd className="text-sm text-fg-muted">binary data</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

function SelectorSpec({ obj }: SpecProps) {
  const sel = obj.spec?.podSelector ?? obj.spec?.selector;
  return (
    <Section title="Spec">
      <Fields items={[['Selector', mono(selectorString(sel)) ?? 'all pods']]} />
    </Section>
  );
}

const withContainers = (Spec: ComponentType<SpecProps>): ComponentType<SpecProps>[] => [
  Spec,
  ({ cluster, obj }) => <ContainersSection cluster={cluster} obj={obj} />,
];

/** kind (as in obj.kind) → sections rendered in the Overview, in order. */
export const specSections: Record<string, ComponentType<SpecProps>[]> = {
  Pod: withContainers(PodSpec),
  Deployment: withContainers(WorkloadSpec),
  ReplicaSet: withContainers(WorkloadSpec),
  StatefulSet: withContainers(WorkloadSpec),
  DaemonSet: withContainers(WorkloadSpec),
  Job: withContainers(JobSpec),
  CronJob: withContainers(CronJobSpec),
  Service: [ServiceSpec],
  Node: [NodeSpec],
  Secret: [SecretKeys],
  ConfigMap: [ConfigMapData],
  NetworkPolicy: [SelectorSpec],
};
