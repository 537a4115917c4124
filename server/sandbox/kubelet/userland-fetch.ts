/**
 * curl/wget inside a simulated container (the userland's HttpFetch) on the cluster network: ClusterNet resolves
 * the name and picks a ready endpoint, the container's simulated server answers, and failures read the way
 * curl reports them (its exit code in parentheses first).
 */
import { STATUS_CODES } from 'node:http';
import type { SandboxClient } from '../types';
import { ClusterNet, NetError } from './http-servers';
import type { HttpFetch } from './userland/process';

export function clusterHttpFetch(client: SandboxClient, now: () => number = Date.now): HttpFetch {
  const net = new ClusterNet(client, now);
  return async (url, init = {}) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error('(3) URL using bad/illegal format or missing URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`(1) Protocol "${u.protocol.replace(':', '')}" not supported`);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    try {
      if (u.protocol === 'https:') {
        // the simulated servers speak plain HTTP; reaching one with TLS fails the handshake like curl shows it
        net.target(u.hostname, Number(port), init.from?.namespace);
        throw new Error('(35) OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number');
      }
      const r = await net.fetch(url, { method: init.method, headers: init.headers, body: init.body, namespace: init.from?.namespace, fromPod: init.from?.pod });
      return { status: r.status, statusText: STATUS_CODES[r.status] ?? '', headers: Object.fromEntries(r.headers), body: r.body };
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      if (e.code === 'ENOTFOUND') throw new Error(`(6) Could not resolve host: ${u.hostname}`);
      throw new Error(`(7) Failed to connect to ${u.hostname} port ${port} after 0 ms: Couldn't connect to server`);
    }
  };
}
