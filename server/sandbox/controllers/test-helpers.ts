/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Shared helpers for the control-plane integration tests: a sandbox on loopback, polling, real kubectl. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSandboxCluster, type SandboxCluster } from '../cluster';
import type { KObject, ResourceRef } from '../types';
import { request } from '../apiserver/test-helpers';

const run = promisify(execFile);

export interface TestCluster extends SandboxCluster {
  dir: string;
  kubectl(args: string[], opts?: { timeoutMs?: number; allowFail?: boolean }): Promise<{ stdout: string; stderr: string; code: number }>;
}

export async function startTestCluster(opts: { scenario?: string; speed?: number; name?: string; pods?: number } = {}): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-sbx-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const c = await startSandboxCluster({
    name: opts.name ?? 'sandbox-test',
    scenario: opts.scenario ?? 'empty',
    speed: opts.speed ?? 20,
    pods: opts.pods,
    kubeconfigPath,
    bookmarkIntervalMs: 1000,
  });
  const stop = c.stop.bind(c);
  return Object.assign(c, {
    dir,
    async stop() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async kubectl(args: string[], o: { timeoutMs?: number; allowFail?: boolean } = {}) {
      try {
        const r = await run('/usr/bin/kubectl', ['--kubeconfig', kubeconfigPath, '--cache-dir', path.join(dir, 'cache'), ...args], {
          timeout: o.timeoutMs ?? 20_000,
          maxBuffer: 32 * 1024 * 1024,
        });
        return { stdout: r.stdout, stderr: r.stderr, code: 0 };
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; code?: number };
        if (!o.allowFail) throw new Error(`kubectl ${args.join(' ')} failed (${err.code}): ${err.stderr}`);
        return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
      }
    },
  });
}

/** Polls fn until it returns a truthy value (returned) or the timeout passes (throws with the last value). */
export async function waitFor<T>(fn: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

export const refs = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  events: { group: '', version: 'v1', resource: 'events' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  hpas: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' },
} satisfies Record<string, ResourceRef>;

export const isReady = (p: KObject) => !!((p as any).status?.conditions ?? []).find((c: any) => c.type === 'Ready' && c.status === 'True');

export function deploymentObj(name: string, image: string, replicas: number, extra: Record<string, unknown> = {}, ns = 'default'): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
      ...extra,
    },
  };
}

/** URL path of a namespaced collection or object, e.g. apiPath(refs.jobs, 'default', 'x', 'status'). */
export function apiPath(ref: ResourceRef, ns: string | undefined, name?: string, sub?: string): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  return [base, ns ? `namespaces/${ns}` : '', ref.resource, name ?? '', sub ?? ''].filter(Boolean).join('/');
}

/** One real HTTPS request to the sandbox's API server (bearer token, its CA); throws on a non-2xx answer. */
export async function api(c: SandboxCluster, method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
  const r = await request(c, method, path, { body, contentType });
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/** Creates an object over HTTP (POST to its collection). */
export const apiCreate = (c: SandboxCluster, ref: ResourceRef, obj: KObject) => api(c, 'POST', apiPath(ref, obj.metadata.namespace), obj);
/** Merge-patches an object (or its subresource) over HTTP. */
export const apiPatch = (c: SandboxCluster, ref: ResourceRef, ns: string | undefined, name: string, patch: unknown, sub?: string) =>
  api(c, 'PATCH', apiPath(ref, ns, name, sub), patch, 'application/merge-patch+json');
/** Reads an object over HTTP (undefined when 404). */
export async function apiGet(c: SandboxCluster, ref: ResourceRef, ns: string | undefined, name: string): Promise<any> {
  const r = await request(c, 'GET', apiPath(ref, ns, name));
  if (r.status === 404) return undefined;
  if (r.status !== 200) throw new Error(`GET ${name}: ${r.status} ${r.text}`);
  return r.json;
}
/** Lists objects over HTTP. */
export const apiList = async (c: SandboxCluster, ref: ResourceRef, ns: string | undefined, labelSelector?: string): Promise<any[]> =>
  (await api(c, 'GET', apiPath(ref, ns) + (labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : ''))).items;
