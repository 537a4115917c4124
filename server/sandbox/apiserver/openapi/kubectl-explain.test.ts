/**
 * The real kubectl against a real sandbox: explain reads /openapi/v3, and a client-side apply of a changed
 * manifest builds its strategic merge patch from the served x-kubernetes-patch-* metadata.
 * Skipped until the cluster entry point and kubectl exist on this machine.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';
const clusterFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cluster.ts');
const ready = fs.existsSync(KUBECTL) && fs.existsSync(clusterFile);

interface Cluster {
  kubeconfig: string;
  stop(): Promise<void> | void;
}

describe.skipIf(!ready)('kubectl explain / apply against a sandbox', () => {
  let cluster: Cluster;
  let dir: string;
  const kubectl = async (...args: string[]) => {
    const r = await run(KUBECTL, ['--kubeconfig', path.join(dir, 'kubeconfig'), '--cache-dir', path.join(dir, 'cache'), ...args], {
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024, // /openapi/v2 is over a megabyte
    });
    return r.stdout;
  };

  beforeAll(async () => {
    const spec = '../../cluster';
    const mod = (await import(/* @vite-ignore */ spec)) as { startSandboxCluster(o: object): Promise<Cluster> };
    const pino = (await import('pino')).default;
    cluster = await mod.startSandboxCluster({ name: 'openapi-test', noRuntime: true, logger: pino({ level: 'silent' }) });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-openapi-'));
    fs.writeFileSync(path.join(dir, 'kubeconfig'), cluster.kubeconfig, { mode: 0o600 });
  }, 30_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains deployment.spec.replicas with its type and description', async () => {
    const out = await kubectl('explain', 'deployment.spec.replicas');
    expect(out).toMatch(/GROUP:\s+apps/);
    expect(out).toMatch(/FIELD: replicas <integer>/);
    expect(out).toContain('Number of desired pods');
  });

  it('explains pods.spec.containers with the Container fields', async () => {
    const out = await kubectl('explain', 'pods.spec.containers');
    expect(out).toMatch(/FIELD: containers <\[\]Container>/);
    expect(out).toContain('List of containers belonging to the pod');
    expect(out).toMatch(/image\s+<string>/);
    expect(out).toMatch(/ports\s+<\[\]ContainerPort>/);
  });

  it('explains from /openapi/v2 (gnostic protobuf), which the server sends when kubectl asks for it', async () => {
    // kubectl accepts only protobuf here (`get --raw` asks for JSON, so it cannot probe for this)
    const out = await kubectl('explain', 'deployment.spec.replicas', '--output', 'plaintext-openapiv2');
    expect(out).toMatch(/FIELD:\s+replicas <integer>/);
    expect(out).toContain('Number of desired pods');
  });

  it('re-applies a changed Deployment by merging containers on their name', async () => {
    const manifest = (image: string, env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: explain-web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: explain-web}}
  template:
    metadata: {labels: {app: explain-web}}
    spec:
      containers:
      - name: web
        image: ${image}
        env: [{name: MODE, value: ${env}}]
        ports: [{containerPort: 80}]
`;
    const file = path.join(dir, 'dep.yaml');
    fs.writeFileSync(file, manifest('nginx:1.26', 'a'));
    await kubectl('apply', '-f', file);
    fs.writeFileSync(file, manifest('nginx:1.27', 'b'));
    await kubectl('apply', '-f', file);
    const dep = JSON.parse(await kubectl('get', 'deployment', 'explain-web', '-n', 'default', '-o', 'json'));
    const containers = dep.spec.template.spec.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.27', env: [{ name: 'MODE', value: 'b' }] });
  });

  it('explains a custom resource from its CRD schema once the CRD exists', async () => {
    const file = path.join(dir, 'crd.yaml');
    fs.writeFileSync(
      file,
      JSON.stringify({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'crontabs.stable.example.com' },
        spec: {
          group: 'stable.example.com',
          scope: 'Namespaced',
          names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
          versions: [{
            name: 'v1', served: true, storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string', description: 'The cron schedule to run on.' } } } } } },
          }],
        },
      }),
    );
    await kubectl('apply', '-f', file);
    let out = '';
    for (let i = 0; i < 20 && !out.includes('cronSpec'); i++) {
      out = await kubectl('explain', 'crontab.spec').catch(() => '');
      if (!out.includes('cronSpec')) await new Promise((r) => setTimeout(r, 250)); // CRD establishment is eventual
    }
    expect(out).toMatch(/cronSpec\s+<string>/);
    expect(out).toContain('The cron schedule to run on.');
  });
});
