/** The real kubectl (v1.32) against the sandbox: apply, scale, label, annotate, patch, delete. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  if (!hasKubectl) return;
  c = await startTestCluster({ name: 'kwrite' });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'kw' } } });
});
afterAll(async () => {
  await c?.stop();
});

const manifest = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: kw
  labels: {app: api}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: ${image}
        ports: [{containerPort: 8080}]
`;

function file(name: string, text: string): string {
  const p = path.join(c.dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const replicas = async (name = 'api') => (await request(c, 'GET', `/apis/apps/v1/namespaces/kw/deployments/${name}`)).json.spec.replicas;

describe.skipIf(!hasKubectl)('kubectl: write', () => {
  it('apply (client-side): create, unchanged, configure', async () => {
    const f = file('d.yaml', manifest(1));
    expect((await kubectl(c, ['apply', '-f', f])).stdout).toMatch(/deployment.apps\/api created/);
    expect((await kubectl(c, ['apply', '-f', f])).stdout).toMatch(/deployment.apps\/api unchanged/);
    const r = await kubectl(c, ['apply', '-f', file('d2.yaml', manifest(2, 'nginx:1.28'))]);
    expect(r.stdout).toMatch(/deployment.apps\/api configured/);
    const d = (await request(c, 'GET', '/apis/apps/v1/namespaces/kw/deployments/api')).json;
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('apply --server-side creates and updates with field managers', async () => {
    const f = file('ssa.yaml', manifest(1).replace('name: api', 'name: ssa').replace(/app: api/g, 'app: ssa'));
    const r = await kubectl(c, ['apply', '--server-side', '-f', f]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/deployment.apps\/ssa serverside-applied/);
    const d = (await request(c, 'GET', '/apis/apps/v1/namespaces/kw/deployments/ssa')).json;
    expect(d.metadata.managedFields.find((m: { manager: string }) => m.manager === 'kubectl')?.operation).toBe('Apply');
    const again = await kubectl(c, ['apply', '--server-side', '-f', file('ssa2.yaml', fs.readFileSync(f, 'utf8').replace('replicas: 1', 'replicas: 3'))]);
    expect(again.stdout).toMatch(/serverside-applied/);
    expect(await replicas('ssa')).toBe(3);
    // migrating an object from client-side to server-side apply
    const migrate = await kubectl(c, ['apply', '--server-side', '--force-conflicts', '-f', path.join(c.dir, 'd2.yaml')]);
    expect(migrate.stderr).toBe('');
    const migrated = (await request(c, 'GET', '/apis/apps/v1/namespaces/kw/deployments/api')).json;
    expect(migrated.spec.template.metadata.labels).toEqual({ app: 'api' });
  });

  it('scale, label, annotate', async () => {
    expect((await kubectl(c, ['scale', 'deploy/api', '-n', 'kw', '--replicas=4'])).stdout).toMatch(/scaled/);
    expect(await replicas()).toBe(4);
    expect((await kubectl(c, ['scale', 'deploy/api', '-n', 'kw', '--current-replicas=4', '--replicas=5'])).stdout).toMatch(/scaled/);
    expect(await replicas()).toBe(5);
    await kubectl(c, ['label', 'deploy', 'api', '-n', 'kw', 'tier=backend']);
    await kubectl(c, ['annotate', 'deploy', 'api', '-n', 'kw', 'note=hello']);
    const d = (await request(c, 'GET', '/apis/apps/v1/namespaces/kw/deployments/api')).json;
    expect(d.metadata.labels.tier).toBe('backend');
    expect(d.metadata.annotations.note).toBe('hello');
    const overwrite = await kubectl(c, ['label', 'deploy', 'api', '-n', 'kw', 'tier=frontend']);
    expect(overwrite.stderr).toMatch(/already has a value \(backend\)/);
  });

  it('patch --type json|merge|strategic', async () => {
    await kubectl(c, ['patch', 'deploy', 'api', '-n', 'kw', '--type', 'merge', '-p', '{"spec":{"replicas":1}}']);
    expect(await replicas()).toBe(1);
    await kubectl(c, ['patch', 'deploy', 'api', '-n', 'kw', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]']);
    expect(await replicas()).toBe(2);
    const r = await kubectl(c, ['patch', 'deploy', 'api', '-n', 'kw', '--type', 'strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"log","image":"busybox"}]}}}}']);
    expect(r.stdout).toMatch(/patched/);
    const d = (await request(c, 'GET', '/apis/apps/v1/namespaces/kw/deployments/api')).json;
    expect(d.spec.template.spec.containers.map((x: { name: string }) => x.name).sort()).toEqual(['api', 'log']);
    const bad = await kubectl(c, ['patch', 'deploy', 'api', '-n', 'kw', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]']);
    expect(bad.code).not.toBe(0);
  });

  it('delete, with --cascade=orphan and --cascade=foreground', async () => {
    const owner = (await request(c, 'POST', '/api/v1/namespaces/kw/configmaps', { body: { metadata: { name: 'owner' } } })).json;
    const ref = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }];
    await request(c, 'POST', '/api/v1/namespaces/kw/configmaps', { body: { metadata: { name: 'kid', ownerReferences: ref } } });
    expect((await kubectl(c, ['delete', 'cm', 'owner', '-n', 'kw', '--cascade=orphan'])).stdout).toMatch(/deleted/);
    const kid = (await request(c, 'GET', '/api/v1/namespaces/kw/configmaps/kid')).json;
    expect(kid.metadata.ownerReferences).toBeUndefined();
    const owner2 = (await request(c, 'POST', '/api/v1/namespaces/kw/configmaps', { body: { metadata: { name: 'owner2' } } })).json;
    await request(c, 'POST', '/api/v1/namespaces/kw/configmaps', {
      body: { metadata: { name: 'kid2', ownerReferences: [{ ...ref[0], name: 'owner2', uid: owner2.metadata.uid, blockOwnerDeletion: true }] } },
    });
    expect((await kubectl(c, ['delete', 'cm', 'owner2', '-n', 'kw', '--cascade=foreground'])).stdout).toMatch(/deleted/);
    await eventually(async () => (await request(c, 'GET', '/api/v1/namespaces/kw/configmaps/kid2')).status === 404);
    expect((await kubectl(c, ['delete', 'deploy', 'api', 'ssa', '-n', 'kw'])).stdout).toMatch(/"api" deleted/);
    const gone = await kubectl(c, ['get', 'deploy', 'api', '-n', 'kw']);
    expect(gone.stderr).toMatch(/Error from server \(NotFound\): deployments.apps "api" not found/);
  });
});
