/** Service and endpoints derived values, matching kubectl's printService / printEndpoints. */
import type { Service, ServicePort, Endpoints } from 'kubernetes-types/core/v1';
import type { K8sObject } from '../types';

/** "80/TCP,443:30443/TCP" */
export function servicePorts(obj: K8sObject): string {
  const ports: ServicePort[] = (obj as unknown as Service).spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export function serviceExternalIP(obj: K8sObject): string {
  const svc = obj as unknown as Service;
  const type = svc.spec?.type ?? 'ClusterIP';
  const external = svc.spec?.externalIPs ?? [];
  if (type === 'ExternalName') return svc.spec?.externalName ?? '<none>';
  if (type === 'LoadBalancer') {
    const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
    const all = [...lb, ...external];
    return all.length ? all.join(',') : '<pending>';
  }
  return external.length ? external.join(',') : '<none>';
}

/** "10.0.0.1:80,10.0.0.2:80 + 3 more..." like kubectl (first 3 shown). */
export function endpointsText(obj: K8sObject): string {
  const ep = obj as unknown as Endpoints;
  const all: string[] = [];
  for (const s of ep.subsets ?? []) {
    const ports = s.ports ?? [];
    for (const a of s.addresses ?? []) {
      if (ports.length === 0) all.push(a.ip);
      else for (const p of ports) all.push(`${a.ip}:${p.port}`);
    }
  }
  if (all.length === 0) return '<none>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

/** Does a service's selector select these pod labels? A service without selector selects nothing. */
export function serviceSelects(svc: K8sObject, podLabels: Record<string, string> | undefined): boolean {
  const sel = (svc as unknown as Service).spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = podLabels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

/** kubectl's ENDPOINTS column of an EndpointSlice: its addresses, three at most. */
export function sliceEndpointsText(obj: K8sObject): string {
  const eps = (obj as unknown as { endpoints?: { addresses?: string[] }[] }).endpoints ?? [];
  const all = eps.flatMap((e) => e.addresses ?? []);
  if (all.length === 0) return '<unset>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

/** kubectl's PORTS column of an EndpointSlice. */
export function slicePortsText(obj: K8sObject): string {
  const ports = (obj as unknown as { ports?: { port?: number }[] }).ports ?? [];
  const all = ports.map((p) => (p.port === undefined ? '' : String(p.port))).filter(Boolean);
  if (all.length === 0) return '<unset>';
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}
