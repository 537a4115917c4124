/**
 * Real servers attached to the simulated cluster network: an address:port of the pod network (e.g. the
 * endpoint of a selector-less Service) that leads to a real HTTP server on loopback. Tests use it to put a
 * real Prometheus behind a Service, so services/proxy reaches it the way a cluster's API server reaches a
 * pod. Real API servers refuse loopback endpoints, which is why the Service's endpoint carries a pod-network
 * address and the mapping to loopback lives here, in the network the sandbox simulates.
 */
import http from 'node:http';
import type { ServerResponse } from 'node:http';
import { StatusError } from './errors';

export type ExternalRoutes = Map<string, { host: string; port: number }>;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** Forwards one request to the attached server and streams its answer back; 503 like a refused dial. */
export function proxyExternal(target: { host: string; port: number }, method: string, path: string, headers: Record<string, string>, body: Buffer, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const up = http.request({ host: target.host, port: target.port, method, path, headers: { ...headers, host: `${target.host}:${target.port}` } }, (r) => {
      const hdrs: string[] = [];
      for (const [k, v] of Object.entries(r.headers)) {
        if (v === undefined || HOP_BY_HOP.has(k)) continue;
        for (const one of Array.isArray(v) ? v : [v]) hdrs.push(k, one);
      }
      res.writeHead(r.statusCode ?? 502, hdrs);
      r.pipe(res);
      r.on('end', () => resolve());
      r.on('error', () => resolve());
    });
    up.on('error', (e) => reject(new StatusError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${target.host}:${target.port}: ${e.message}`)));
    up.end(body.length ? body : undefined);
  });
}
