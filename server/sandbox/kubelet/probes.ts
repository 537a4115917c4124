/* eslint-disable @typescript-eslint/no-explicit-any -- container specs are untyped JSON here; fields are read defensively */
/**
 * httpGet probes against the containers' simulated HTTP servers, judged like the kubelet's prober:
 * 200-399 succeeds, any other status or a refused connection fails, with the kubelet's own failure messages.
 */
import type { KObject } from '../types';
import { NetError, servePodHttp } from './http-servers';

export type ProbeResult = { ok: true } | { ok: false; message: string };

/** The result of one httpGet probe, or undefined when the probe is not an httpGet one (exec, tcpSocket, grpc). */
export function runHttpProbe(pod: KObject, container: any, probe: any, now = Date.now()): ProbeResult | undefined {
  const g = probe?.httpGet;
  if (!g) return undefined;
  const port = typeof g.port === 'number' ? g.port : /^\d+$/.test(String(g.port)) ? Number(g.port) : (container?.ports ?? []).find((p: any) => p.name === g.port)?.containerPort;
  const ip = (pod as any).status?.podIP ?? '';
  const scheme = String(g.scheme ?? 'HTTP').toLowerCase();
  const path = g.path ?? '/';
  if (port === undefined) return { ok: false, message: `Get "${scheme}://${ip}:${g.port}${path}": dial tcp: lookup port ${g.port}: unknown port` };
  const headers: Record<string, string> = { host: `${ip}:${port}`, 'user-agent': 'kube-probe/1.32', accept: '*/*' };
  for (const h of g.httpHeaders ?? []) if (h?.name) headers[String(h.name).toLowerCase()] = String(h.value ?? '');
  try {
    const r = servePodHttp(pod, port, { method: 'GET', path, headers }, now);
    if (r.status >= 200 && r.status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${r.status}` };
  } catch (e) {
    if (!(e instanceof NetError)) throw e;
    return { ok: false, message: `Get "${scheme}://${ip}:${port}${path}": dial tcp ${ip}:${port}: connect: connection refused` };
  }
}
