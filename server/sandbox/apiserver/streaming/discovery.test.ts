/** Discovery and OpenAPI list the connect subresources and pods/ephemeralcontainers the way 1.32 does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestCluster, type TestCluster } from '../test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'sd' });
});
afterAll(async () => {
  await c?.stop();
});

describe('discovery of streaming subresources', () => {
  it('/api/v1 lists them with 1.32 kinds and verbs', async () => {
    const list = (await request(c, 'GET', '/api/v1')).json.resources as { name: string; kind: string; verbs: string[] }[];
    const pick = (n: string) => list.find((r) => r.name === n);
    expect(list.filter((r) => r.name.startsWith('pods/')).map((r) => r.name)).toEqual([
      'pods/attach', 'pods/binding', 'pods/ephemeralcontainers', 'pods/eviction', 'pods/exec', 'pods/log', 'pods/portforward', 'pods/proxy', 'pods/status',
    ]);
    expect(pick('pods/exec')).toMatchObject({ kind: 'PodExecOptions', verbs: ['create', 'get'] });
    expect(pick('pods/attach')).toMatchObject({ kind: 'PodAttachOptions', verbs: ['create', 'get'] });
    expect(pick('pods/portforward')).toMatchObject({ kind: 'PodPortForwardOptions', verbs: ['create', 'get'] });
    expect(pick('pods/proxy')).toMatchObject({ kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] });
    expect(pick('pods/ephemeralcontainers')).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(pick('services/proxy')).toMatchObject({ kind: 'ServiceProxyOptions' });
    expect(pick('nodes/proxy')).toMatchObject({ kind: 'NodeProxyOptions' });
  });

  it('OpenAPI v3 has the connect operations with their query parameters', async () => {
    const doc = (await request(c, 'GET', '/openapi/v3/api/v1')).json;
    const exec = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec'];
    expect(exec.get).toMatchObject({ operationId: 'connectCoreV1GetNamespacedPodExec', 'x-kubernetes-action': 'connect', 'x-kubernetes-group-version-kind': { group: '', kind: 'PodExecOptions', version: 'v1' } });
    expect(exec.post.operationId).toBe('connectCoreV1PostNamespacedPodExec');
    expect(exec.parameters.map((p: { name: string }) => p.name)).toEqual(['name', 'namespace', 'command', 'container', 'stderr', 'stdin', 'stdout', 'tty']);
    expect(doc.paths['/api/v1/namespaces/{namespace}/services/{name}/proxy/{path}'].get.operationId).toBe('connectCoreV1GetNamespacedServiceProxyWithPath');
    expect(doc.paths['/api/v1/nodes/{name}/proxy'].get.operationId).toBe('connectCoreV1GetNodeProxy');
    expect(doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/ephemeralcontainers'].patch.operationId).toBe('patchCoreV1NamespacedPodEphemeralcontainers');
  });

  it('pods/ephemeralcontainers refuses changing or removing an existing one', async () => {
    await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'sd' } } });
    await request(c, 'POST', '/api/v1/namespaces/sd/pods', { body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } });
    const path = '/api/v1/namespaces/sd/pods/p/ephemeralcontainers';
    const add = await request(c, 'PATCH', path, { body: { spec: { ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.36', stdin: true }] } }, contentType: 'application/strategic-merge-patch+json' });
    expect(add.status).toBe(200);
    expect(add.json.spec.ephemeralContainers).toEqual([{ name: 'dbg', image: 'busybox:1.36', stdin: true, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }]);
    const pod = (await request(c, 'GET', path)).json;
    pod.spec.ephemeralContainers = [];
    const rm = await request(c, 'PUT', path, { body: pod });
    expect(rm.status).toBe(422);
    expect(rm.json.message).toContain('existing ephemeral containers "dbg" may not be removed');
    const clash = await request(c, 'PATCH', path, { body: { spec: { ephemeralContainers: [{ name: 'app', image: 'busybox' }] } }, contentType: 'application/strategic-merge-patch+json' });
    expect(clash.status).toBe(422);
    expect(clash.json.message).toMatch(/spec\.ephemeralContainers\[\d\]\.name: Duplicate value: "app"/);
  });
});
