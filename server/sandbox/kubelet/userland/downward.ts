/* eslint-disable @typescript-eslint/no-explicit-any -- pods and their sources are untyped JSON (KObject) */
/** Downward API field and resource references, resolved from the pod as the kubelet does. */
import { quantityOrZero as parseQuantity } from '../../../../lib/k8s/machinery/quantity';

function labelsText(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}="${String(m![k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join('\n');
}

export function fieldRef(pod: any, path: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata?.[m[1]]?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'metadata.labels':
      return labelsText(pod.metadata?.labels);
    case 'metadata.annotations':
      return labelsText(pod.metadata?.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? 'default';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((x: any) => x.ip).join(',');
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((x: any) => x.ip).join(',');
  }
  return undefined;
}

/** resourceFieldRef: limits/requests in the divisor's unit (rounded up), node allocatable when no limit. */
export function resourceRef(pod: any, defaultContainer: string | undefined, ref: any): string {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === (ref.containerName ?? defaultContainer));
  const [kind, res] = String(ref.resource ?? '').split('.') as [string, string];
  let v = c?.resources?.[kind]?.[res];
  if (v === undefined) v = res === 'cpu' ? '4' : res === 'memory' ? '16Gi' : '0';
  const q = parseQuantity(String(v));
  const divisor = parseQuantity(String(ref.divisor ?? '1'));
  return String(Math.ceil(q / (divisor || 1)));
}
