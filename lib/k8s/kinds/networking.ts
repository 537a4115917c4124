/** Ingress, NetworkPolicy and HPA derived values (kubectl printers). */
import type { K8sObject } from '../types';
import { selectorString } from './workloads';

export function ingressHosts(obj: K8sObject): string {
  const hosts = ((obj.spec?.rules ?? []) as { host?: string }[]).map((r) => r.host).filter(Boolean);
  return hosts.length ? hosts.join(',') : '*';
}

export function ingressAddress(obj: K8sObject): string {
  const ing = (obj.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
  return ing.map((i) => i.ip || i.hostname).filter(Boolean).join(',');
}

export function ingressPorts(obj: K8sObject): string {
  return (obj.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
}

export function networkPolicyPodSelector(obj: K8sObject): string {
  const s = selectorString(obj.spec?.podSelector);
  return s || '<none>';
}

export function hpaReference(obj: K8sObject): string {
  const ref = obj.spec?.scaleTargetRef as { kind?: string; name?: string } | undefined;
  return ref ? `${ref.kind}/${ref.name}` : '';
}

interface MetricStatus {
  type: string;
  resource?: { name: string; current?: { averageUtilization?: number; averageValue?: string } };
}
interface MetricSpec {
  type: string;
  resource?: { name: string; target?: { averageUtilization?: number; averageValue?: string } };
}

/** "cpu: 40%/80%" style TARGETS; "<unknown>" when the current value is not yet known. */
export function hpaTargets(obj: K8sObject): string {
  const specs = (obj.spec?.metrics ?? []) as MetricSpec[];
  const current = (obj.status?.currentMetrics ?? []) as MetricStatus[];
  if (specs.length === 0) return '<none>';
  return specs
    .map((m) => {
      if (m.type !== 'Resource' || !m.resource) return `${m.type}`;
      const cur = current.find((c) => c.type === 'Resource' && c.resource?.name === m.resource!.name)?.resource?.current;
      const t = m.resource.target;
      const tgt = t?.averageUtilization !== undefined ? `${t.averageUtilization}%` : t?.averageValue ?? '?';
      const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : cur?.averageValue ?? '<unknown>';
      return `${m.resource.name}: ${c}/${tgt}`;
    })
    .join(', ');
}
