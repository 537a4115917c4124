/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are untyped JSON (KObject) */
/**
 * A container's environment as the kubelet builds it: the image's defaults, service links for the namespace's
 * Services (and the kubernetes Service), envFrom, then env with valueFrom resolved and $(VAR) references
 * expanded against what came before.
 */
import type { SandboxClient } from '../../types';
import { fieldRef, resourceRef } from './downward';

const R = {
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  services: { group: '', version: 'v1', resource: 'services' },
};

function serviceLinks(client: SandboxClient, ns: string, enabled: boolean): [string, string][] {
  const out: [string, string][] = [];
  const add = (svc: any) => {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') return;
    const n = String(svc.metadata.name).toUpperCase().replace(/-/g, '_');
    const ports = (svc.spec?.ports ?? []) as any[];
    if (!ports.length) return;
    out.push([`${n}_SERVICE_HOST`, ip], [`${n}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${n}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
    out.push([`${n}_PORT`, `${proto}://${ip}:${ports[0].port}`]);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP') as string;
      const base = `${n}_PORT_${p.port}_${pr}`;
      out.push([base, `${pr.toLowerCase()}://${ip}:${p.port}`], [`${base}_PROTO`, pr.toLowerCase()], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  };
  if (enabled) for (const s of client.list(R.services, { namespace: ns }).items) if (s.metadata.name !== 'kubernetes' || ns !== 'default') add(s);
  const k = client.get(R.services, 'default', 'kubernetes');
  if (k) add(k);
  return out;
}

function expand(v: string, env: Map<string, string>): string {
  return v.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : (env.get(name!) ?? m)));
}

export function containerEnv(client: SandboxClient, pod: any, c: any, imageDefaults: [string, string][], tty: boolean): Map<string, string> {
  const ns = pod.metadata.namespace as string;
  const env = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.spec?.hostname ?? pod.metadata.name]]);
  if (tty || c.tty) env.set('TERM', 'xterm');
  for (const [k, v] of serviceLinks(client, ns, pod.spec?.enableServiceLinks !== false)) env.set(k, v);
  for (const [k, v] of imageDefaults) env.set(k, v);
  for (const src of (c.envFrom ?? []) as any[]) {
    const prefix = src.prefix ?? '';
    if (src.configMapRef) {
      const cm = client.get(R.configmaps, ns, src.configMapRef.name) as any;
      for (const [k, v] of Object.entries((cm?.data ?? {}) as Record<string, string>)) env.set(prefix + k, v);
    } else if (src.secretRef) {
      const s = client.get(R.secrets, ns, src.secretRef.name) as any;
      for (const [k, v] of Object.entries((s?.data ?? {}) as Record<string, string>)) env.set(prefix + k, Buffer.from(v, 'base64').toString('utf8'));
    }
  }
  for (const e of (c.env ?? []) as any[]) {
    if (e.value !== undefined) {
      env.set(e.name, expand(String(e.value), env));
      continue;
    }
    const vf = e.valueFrom ?? {};
    let v: string | undefined;
    if (vf.configMapKeyRef) v = ((client.get(R.configmaps, ns, vf.configMapKeyRef.name) as any)?.data ?? {})[vf.configMapKeyRef.key];
    else if (vf.secretKeyRef) {
      const sec = client.get(R.secrets, ns, vf.secretKeyRef.name) as any;
      const raw = sec?.data?.[vf.secretKeyRef.key];
      v = raw === undefined ? sec?.stringData?.[vf.secretKeyRef.key] : Buffer.from(raw, 'base64').toString('utf8');
    } else if (vf.fieldRef) v = fieldRef(pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef) v = resourceRef(pod, c.name, vf.resourceFieldRef);
    env.set(e.name, v ?? '');
  }
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}
