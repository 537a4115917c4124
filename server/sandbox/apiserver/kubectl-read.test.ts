/** The real kubectl (v1.32) against the sandbox: reading commands and generators (protobuf bodies). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, kubectlStream, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  if (!hasKubectl) return;
  c = await startTestCluster({ name: 'kread' });
});
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl: read and generate', () => {
  it('get --raw /healthz', async () => {
    const r = await kubectl(c, ['get', '--raw', '/healthz']);
    expect(r.stdout).toBe('ok');
  });

  it('create namespace|deployment|configmap|secret generic|service clusterip|job|cronjob', async () => {
    const cmds = [
      ['create', 'namespace', 'k'],
      ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '-n', 'k'],
      ['create', 'configmap', 'cfg', '--from-literal=a=b', '-n', 'k'],
      ['create', 'secret', 'generic', 'sec', '--from-literal=p=q', '-n', 'k'],
      ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '-n', 'k'],
      ['create', 'job', 'once', '--image=busybox', '-n', 'k'],
      ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '-n', 'k'],
    ];
    for (const args of cmds) {
      const r = await kubectl(c, args);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/created/);
    }
  });

  it('get -A, -o wide, -o yaml, -o json', async () => {
    const all = await kubectl(c, ['get', 'deploy,cm,secret,svc,job,cronjob', '-A']);
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/m);
    expect(all.stdout).toMatch(/^k\s+deployment\.apps\/web\s+0\/2\s+0\s+0\s+/m);
    expect(all.stdout).toMatch(/^default\s+service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/m);
    expect(all.stdout).toMatch(/^k\s+cronjob\.batch\/tick\s+\*\/5 \* \* \* \*/m);
    const wide = await kubectl(c, ['get', 'deploy', '-n', 'k', '-o', 'wide']);
    expect(wide.stdout).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(wide.stdout).toMatch(/nginx\s+nginx:1\.27\s+app=web/);
    const yaml = await kubectl(c, ['get', 'cm', 'cfg', '-n', 'k', '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/^kind: ConfigMap$/m);
    expect(yaml.stdout).toMatch(/^ {2}a: b$/m);
    const json = JSON.parse((await kubectl(c, ['get', 'secret', 'sec', '-n', 'k', '-o', 'json'])).stdout);
    expect(json.data.p).toBe(Buffer.from('q').toString('base64'));
    const labels = await kubectl(c, ['get', 'deploy', '-n', 'k', '--show-labels']);
    expect(labels.stdout).toMatch(/app=web/);
  });

  it('describe shows the object', async () => {
    const r = await kubectl(c, ['describe', 'deployment', 'web', '-n', 'k']);
    expect(r.stdout).toMatch(/^Name:\s+web$/m);
    expect(r.stdout).toMatch(/^Replicas:\s+2 desired/m);
    expect(r.stdout).toMatch(/Image:\s+nginx:1\.27/);
  });

  it('auth can-i and auth whoami', async () => {
    expect((await kubectl(c, ['auth', 'can-i', 'delete', 'pods', '-n', 'k'])).stdout.trim()).toBe('yes');
    expect((await kubectl(c, ['auth', 'whoami'])).stdout).toMatch(/sandbox-admin/);
  });

  it('explain uses the OpenAPI documents', async () => {
    const r = await kubectl(c, ['explain', 'deployment.spec.replicas']);
    expect(r.stdout).toMatch(/FIELD: replicas <integer>/);
  });

  it('get -w prints the table, then each change', async () => {
    const w = kubectlStream(c, ['get', 'cm', '-n', 'k', '-w']);
    await w.saw(/^cfg\s+1\s+/m);
    await kubectl(c, ['create', 'configmap', 'later', '--from-literal=x=y', '--from-literal=z=w', '-n', 'k']);
    await w.saw(/^later\s+2\s+/m);
    w.kill();
    expect(w.output()).toMatch(/^NAME\s+DATA\s+AGE$/m);
  });
});
