/**
 * deploy/: the Kustomize base applied with the REAL kubectl to a sandbox cluster must
 * roll out (Deployment Available, 2 ready pods, 2 Service endpoints). The sandbox's kubelet simulates
 * containers (no image pull), so the placeholder image runs. The sandbox evaluates RBAC, so `kubectl auth
 * can-i --as` the ServiceAccount checks the ClusterRole's effect; a static check of the rendered manifests
 * pins its rules as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOY = path.join(ROOT, 'deploy');
const KUBECTL = '/usr/bin/kubectl';

let sandbox: SandboxCluster;
let dir: string;
let kubeconfig: string;

function run(args: string[], timeoutMs = 90_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** kubectl against the sandbox; fails the test with kubectl's own output when it exits non-zero. */
async function kubectl(...args: string[]): Promise<string> {
  const r = await run(['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args]);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

beforeAll(async () => {
  sandbox = await startSandboxCluster({ name: 'deploy-test', scenario: 'empty', speed: 20 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-deploy-'));
  kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('deploy/ on a cluster', () => {
  it('kubectl apply -k deploy/ rolls out 2 ready replicas behind a Service with 2 endpoints', async () => {
    const applied = await kubectl('apply', '-k', DEPLOY);
    for (const what of ['namespace/wheelhouse', 'serviceaccount/wheelhouse', 'clusterrole.rbac.authorization.k8s.io/wheelhouse',
      'clusterrolebinding.rbac.authorization.k8s.io/wheelhouse', 'service/wheelhouse', 'deployment.apps/wheelhouse',
      'poddisruptionbudget.policy/wheelhouse']) {
      expect(applied).toContain(`${what} created`);
    }
    expect(await kubectl('wait', '--for=condition=Available', 'deployment/wheelhouse', '-n', 'wheelhouse', '--timeout=60s'))
      .toContain('condition met');

    const deployment = JSON.parse(await kubectl('get', 'deployment/wheelhouse', '-n', 'wheelhouse', '-o', 'json'));
    expect(deployment.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.example.com/wheelhouse:0.1.0');

    // the endpoints controller may trail the Deployment's status by a moment: wait for it with kubectl
    await kubectl('wait', '--for=jsonpath={.subsets[0].addresses[1].ip}', 'endpoints/wheelhouse', '-n', 'wheelhouse', '--timeout=30s');
    const endpoints = JSON.parse(await kubectl('get', 'endpoints/wheelhouse', '-n', 'wheelhouse', '-o', 'json'));
    const addresses = (endpoints.subsets ?? []).flatMap((s: { addresses?: { ip: string }[] }) => s.addresses ?? []);
    expect(addresses).toHaveLength(2);
    expect(endpoints.subsets[0].ports).toEqual([expect.objectContaining({ name: 'http', port: 3000 })]);
    const pods = JSON.parse(await kubectl('get', 'pods', '-n', 'wheelhouse', '-l', 'app.kubernetes.io/name=wheelhouse', '-o', 'json'));
    expect(pods.items.map((p: { status: { podIP: string } }) => p.status.podIP).sort())
      .toEqual(addresses.map((a: { ip: string }) => a.ip).sort());
    expect(pods.items.every((p: { spec: { serviceAccountName: string } }) => p.spec.serviceAccountName === 'wheelhouse')).toBe(true);

    // applying again changes nothing (the base is stable under server-side defaulting)
    const again = await kubectl('apply', '-k', DEPLOY);
    expect(again.split('\n').filter(Boolean).every((l) => l.endsWith(' unchanged'))).toBe(true);
  }, 60_000);

  // runs after the apply above (same file, sequential): the ClusterRole and its binding exist
  it('kubectl auth can-i grants the service account exactly the intended verbs', async () => {
    const sa = ['--as', 'system:serviceaccount:wheelhouse:wheelhouse'];
    const can = async (...a: string[]) => (await run(['--kubeconfig', kubeconfig, 'auth', 'can-i', ...sa, ...a])).stdout.trim();
    // TYPE/NAME means a resource NAME to can-i: subresources go in --subresource
    const yes = [['list', 'pods'], ['watch', 'deployments.apps'], ['list', 'secrets'], ['get', 'pods', 'log'], ['get', 'deployments.apps', 'scale'],
      ['get', 'secrets'], ['impersonate', 'users'], ['impersonate', 'groups'], ['impersonate', 'serviceaccounts'],
      ['create', 'subjectaccessreviews.authorization.k8s.io']];
    const no = [['create', 'pods'], ['delete', 'pods'], ['patch', 'deployments.apps'], ['update', 'secrets'], ['get', 'nodes', 'proxy'],
      ['get', 'pods', 'exec'], ['create', 'pods', 'exec'], ['get', 'services', 'proxy'], ['create', 'pods', 'portforward'], ['get', 'pods', 'attach'],
      ['delete', 'secrets'], ['create', 'serviceaccounts', 'token'], ['impersonate', 'userextras.authentication.k8s.io']];
    const ask = ([verb, res, sub]: string[]) => can(verb, res, '-A', ...(sub ? [`--subresource=${sub}`] : []));
    const answers = await Promise.all([...yes, ...no].map(ask));
    expect(Object.fromEntries([...yes, ...no].map((q, i) => [q.filter(Boolean).join(' '), answers[i]]))).toEqual(
      Object.fromEntries([...yes.map((q) => [q.filter(Boolean).join(' '), 'yes']), ...no.map((q) => [q.filter(Boolean).join(' '), 'no'])]),
    );
  });
});

describe('deploy/ as rendered by kubectl kustomize', () => {
  type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
  let docs: Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    const r = await run(['kustomize', DEPLOY]);
    expect(r.stderr).toBe('');
    docs = YAML.parseAllDocuments(r.stdout).map((d) => d.toJS());
  });
  const find = (kind: string) => docs.find((d) => d.kind === kind)!;

  it('grants the service account read, impersonate and SubjectAccessReview only, and no node/pod proxy or exec', () => {
    const rules = find('ClusterRole').rules as Rule[];
    const verbs = new Set(rules.flatMap((r) => r.verbs));
    expect([...verbs].sort()).toEqual(['create', 'get', 'impersonate', 'list', 'watch']);
    expect(rules.filter((r) => r.verbs.includes('create'))).toEqual([
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    expect(rules.find((r) => r.verbs.includes('impersonate'))).toEqual({
      apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'],
    });
    // a wildcard resource with get in a group that can reach the core group would include nodes/proxy, pods/exec
    for (const r of rules.filter((x) => x.verbs.includes('get'))) {
      if (r.apiGroups.includes('*') || r.apiGroups.includes('')) expect(r.resources).not.toContain('*');
      for (const res of r.resources) expect(res).not.toMatch(/\/(proxy|exec|attach|portforward)$/);
    }
    const binding = find('ClusterRoleBinding');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'wheelhouse', namespace: 'wheelhouse' }]);
  });

  it('runs 2 probed, resource-limited, non-root replicas with a read-only root filesystem', () => {
    const d = find('Deployment');
    expect(d.spec.replicas).toBe(2);
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(c.livenessProbe.httpGet.path).toBe('/api/healthz');
    expect(c.readinessProbe.httpGet.path).toBe('/api/readyz');
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
    expect(c.args).toContain('--in-cluster');
    expect(find('Service').spec.selector).toEqual(d.spec.selector.matchLabels);
  });

  it('adds the optional websocket-carrying Ingress through the ingress/ Component from an overlay', async () => {
    const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-overlay-'));
    try {
      const rel = path.relative(overlay, DEPLOY);
      fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), `resources:\n  - ${rel}\ncomponents:\n  - ${rel}/ingress\n`);
      const r = await run(['kustomize', overlay]);
      expect(r.stderr).toBe('');
      const ingress = YAML.parseAllDocuments(r.stdout).map((x) => x.toJS()).find((x) => x.kind === 'Ingress');
      expect(ingress.metadata.namespace).toBe('wheelhouse');
      expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'wheelhouse', port: { name: 'http' } });
    } finally {
      fs.rmSync(overlay, { recursive: true, force: true });
    }
  });
});
