/**
 * Test support: a minimal plain-HTTP Kubernetes API on 127.0.0.1 that the real kubectl accepts for
 * `create <kind>` generators. It records every request body (protobuf included), answers creates with
 * the decoded JSON (201) and serves created objects back on GET (`create job --from=cronjob/x` reads the
 * CronJob first). Only the discovery kubectl needs is served; not a sandbox cluster.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KObject } from '../../types';
import { decodeProtobufObject, isProtobufContentType } from './index';

interface Res {
  name: string;
  kind: string;
  namespaced: boolean;
  /** subresources of another group's kind (serviceaccounts/token → authentication.k8s.io/v1) */
  group?: string;
  version?: string;
}

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** group/version → served resources (enough for every `kubectl create` generator). */
const DISCOVERY: Record<string, Res[]> = {
  v1: [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'pods', kind: 'Pod', namespaced: true },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'secrets', kind: 'Secret', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
    { name: 'serviceaccounts/token', kind: 'TokenRequest', namespaced: true, group: 'authentication.k8s.io', version: 'v1' },
    { name: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
  ],
  'apps/v1': [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'deployments/scale', kind: 'Scale', namespaced: true, group: 'autoscaling', version: 'v1' },
    { name: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  ],
  'autoscaling/v1': [{ name: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true }],
  'batch/v1': [
    { name: 'jobs', kind: 'Job', namespaced: true },
    { name: 'cronjobs', kind: 'CronJob', namespaced: true },
  ],
  'rbac.authorization.k8s.io/v1': [
    { name: 'roles', kind: 'Role', namespaced: true },
    { name: 'rolebindings', kind: 'RoleBinding', namespaced: true },
    { name: 'clusterroles', kind: 'ClusterRole', namespaced: false },
    { name: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  ],
  'networking.k8s.io/v1': [{ name: 'ingresses', kind: 'Ingress', namespaced: true }],
  'policy/v1': [{ name: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true }],
  'scheduling.k8s.io/v1': [{ name: 'priorityclasses', kind: 'PriorityClass', namespaced: false }],
};

export interface CapturedRequest {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
  /** decoded object (protobuf or JSON body), when the body was one */
  object?: KObject;
  /** decode error message, when decoding failed */
  error?: string;
}

export interface CaptureServer {
  port: number;
  requests: CapturedRequest[];
  /** Runs /usr/bin/kubectl against the server; resolves with exit code and output (never rejects). */
  kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: http.ServerResponse, url: string): void {
  send(res, 404, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `the server could not find the requested resource (${url})`, reason: 'NotFound', details: {}, code: 404,
  });
}

function discovery(gv: string): unknown {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: DISCOVERY[gv].map((r) => ({
      name: r.name, singularName: r.name.includes('/') ? '' : r.kind.toLowerCase(), namespaced: r.namespaced,
      ...(r.group ? { group: r.group, version: r.version } : {}), kind: r.kind,
      verbs: r.name.endsWith('/token') ? ['create'] : r.name.includes('/') ? ['get', 'patch', 'update'] : verbs,
    })),
  };
}

function groups(): unknown {
  const gvs = Object.keys(DISCOVERY).filter((gv) => gv !== 'v1');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: gvs.map((gv) => {
      const [name, version] = gv.split('/');
      const v = { groupVersion: gv, version };
      return { name, versions: [v], preferredVersion: v };
    }),
  };
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const store = new Map<string, KObject>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const p = url.pathname;
      const body = Buffer.concat(chunks);
      const rec: CapturedRequest = { method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body };
      requests.push(rec);
      if (req.method === 'GET') {
        if (p === '/version') return send(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
        if (p === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
        if (p === '/apis') return send(res, 200, groups());
        const gv = p === '/api/v1' ? 'v1' : p.startsWith('/apis/') ? p.slice(6) : '';
        if (gv in DISCOVERY) return send(res, 200, discovery(gv));
        const stored = store.get(p);
        return stored ? send(res, 200, stored) : notFound(res, p);
      }
      if (req.method === 'POST') {
        try {
          rec.object = isProtobufContentType(rec.contentType) ? decodeProtobufObject(body) : (JSON.parse(body.toString('utf8')) as KObject);
        } catch (e) {
          rec.error = (e as Error).message;
          const status = (e as { status?: number }).status ?? 400;
          return send(res, status, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: rec.error, code: status });
        }
        const obj = structuredClone(rec.object);
        const ns = /\/namespaces\/([^/]+)\//.exec(p)?.[1];
        obj.metadata = { ...obj.metadata, ...(ns ? { namespace: ns } : {}), uid: `uid-${requests.length}`, resourceVersion: String(requests.length), creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
        // a real server fills in the issued token; kubectl prints status.token
        if (obj.kind === 'TokenRequest') obj.status = { token: 'captured-token', expirationTimestamp: '2030-01-01T00:00:00Z' };
        store.set(`${p}/${obj.metadata.name}`, obj);
        return send(res, 201, obj);
      }
      return notFound(res, p);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(path.join(tmpdir(), 'kubectl-capture-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1', 'kind: Config', 'current-context: capture',
      'clusters:', `- name: capture`, `  cluster: {server: "http://127.0.0.1:${port}"}`,
      'users:', '- name: capture', '  user: {}',
      'contexts:', '- name: capture', '  context: {cluster: capture, user: capture, namespace: default}',
      '',
    ].join('\n'),
  );
  return {
    port,
    requests,
    kubectl: (args) =>
      new Promise((resolve) => {
        execFile(
          '/usr/bin/kubectl',
          ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args],
          { timeout: 30_000, env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig } },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
