/**
 * What the Service REST storage does on update before validation (patchAllocatedValues and
 * normalizeClusterIPs: an update that omits the allocated clusterIP/clusterIPs/nodePorts keeps them, and a
 * change to one of clusterIP/clusterIPs is mirrored into the other), and validateUpgradeDowngradeClusterIPs:
 * allocated cluster IPs may not change once set.
 */
import type { KObject } from '../../../types';
import type { StatusCause } from '../../errors';

interface Port {
  port?: number;
  protocol?: string;
  nodePort?: number;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: Port[];
}

const spec = (o: KObject): ServiceSpec => (o.spec ?? {}) as ServiceSpec;
const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const goStrings = (v: string[] | undefined) => `[]string{${(v ?? []).map((x) => JSON.stringify(x)).join(', ')}}`;

/** Mutates next (the incoming Service, before defaulting) and returns the validation causes. */
export function prepareServiceUpdate(next: KObject, old: KObject): StatusCause[] {
  const n = spec(next);
  const o = spec(old);
  if (!next.spec) next.spec = n;
  if (needsClusterIP(o) && needsClusterIP(n)) {
    const ipChanged = n.clusterIP !== undefined && n.clusterIP !== '' && n.clusterIP !== o.clusterIP;
    const ipsChanged = n.clusterIPs !== undefined && n.clusterIPs.length > 0 && JSON.stringify(n.clusterIPs) !== JSON.stringify(o.clusterIPs);
    if (!n.clusterIP) n.clusterIP = o.clusterIP;
    if (!n.clusterIPs?.length && o.clusterIPs?.length) n.clusterIPs = [...o.clusterIPs];
    // normalizeClusterIPs: whichever of the two the user changed wins the primary slot
    if (ipChanged && !ipsChanged && n.clusterIPs?.length) n.clusterIPs = [n.clusterIP!, ...n.clusterIPs.slice(1)];
    if (ipsChanged && !ipChanged && n.clusterIPs?.length) n.clusterIP = n.clusterIPs[0];
  }
  if (needsNodePort(o) && needsNodePort(n)) {
    for (const p of n.ports ?? []) {
      if (p.nodePort) continue;
      const was = (o.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (was?.nodePort) p.nodePort = was.nodePort;
    }
  }
  const causes: StatusCause[] = [];
  if (n.type === 'ExternalName' || o.type === 'ExternalName') return causes;
  const headless = (s: ServiceSpec) => s.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None';
  if (headless(n) && headless(o)) return causes;
  const oldIps = o.clusterIPs ?? [];
  const newIps = n.clusterIPs ?? [];
  const invalid = (i: number, why: string) =>
    causes.push({ reason: 'FieldValueInvalid', field: `spec.clusterIPs[${i}]`, message: `Invalid value: ${goStrings(newIps)}: ${why}` });
  if (oldIps.length === newIps.length) {
    oldIps.forEach((ip, i) => {
      if (ip !== newIps[i]) invalid(i, 'may not change once set');
    });
  } else if (oldIps.length > newIps.length) {
    if (newIps.length === 0) invalid(0, 'primary clusterIP can not be unset');
    else if (newIps[0] !== oldIps[0]) invalid(0, 'may not change once set');
  } else if (oldIps.length > 0 && newIps[0] !== oldIps[0]) invalid(0, 'may not change once set');
  return causes;
}
