/**
 * The real kubectl (1.32 behaviour) against the sandbox's pods/exec: output, stdin, exit codes, the
 * runtime's answer for a missing executable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, type TestCluster } from '../test-helpers';
import { NS, startExecCluster } from './testing';

let c: TestCluster;

beforeAll(async () => {
  c = await startExecCluster('kx', [
    { name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'GREETING', value: 'hello' }] }] } },
    { name: 'web', spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'side', image: 'busybox', command: ['sleep', '3600'] }] } },
    { name: 'dl', spec: { containers: [{ name: 'app', image: 'gcr.io/distroless/static-debian12' }] } },
  ]);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl exec', () => {
  it('runs a command and prints its output', async () => {
    const r = await kubectl(c, ['exec', '-n', NS, 'bb', '--', 'echo', 'hi', 'there']);
    expect(r).toMatchObject({ code: 0, stdout: 'hi there\n' });
  });

  it('passes the exit code of sh -c through', async () => {
    const r = await kubectl(c, ['exec', '-n', NS, 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toContain('err\n');
    expect(r.stderr).toContain('command terminated with exit code 3');
  });

  it('feeds stdin with -i and sees the container environment', async () => {
    const r = await kubectl(c, ['exec', '-i', '-n', NS, 'bb', '--', 'sh', '-c', 'cat | wc -l; echo $GREETING $HOSTNAME'], 'a\nb\nc\n');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout.split('\n').map((l) => l.trim())).toEqual(['3', 'hello bb', '']);
  });

  it('picks a container with -c and runs the image flavour (bash on Debian)', async () => {
    const r = await kubectl(c, ['exec', '-n', NS, 'web', '-c', 'nginx', '--', 'bash', '-c', 'grep ^ID= /etc/os-release; hostname']);
    expect(r).toMatchObject({ code: 0, stdout: 'ID=debian\nweb\n' });
    const bb = await kubectl(c, ['exec', '-n', NS, 'web', '-c', 'side', '--', 'bash']);
    expect(bb.code).not.toBe(0);
    expect(bb.stderr).toContain('executable file not found in $PATH');
  });

  it('answers a distroless image like a runtime that cannot exec: no shell, exit 127', async () => {
    const r = await kubectl(c, ['exec', '-n', NS, 'dl', '--', 'sh', '-c', 'true']);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown');
  });

  it('a distroless container told to run sleep never starts: StartError, exit 128, restarted with back-off', async () => {
    await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: { metadata: { name: 'dl-sleep' }, spec: { containers: [{ name: 'app', image: 'gcr.io/distroless/static:nonroot', command: ['sleep', '3600'] }] } } });
    await eventually(async () => {
      const st = (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/dl-sleep`)).json?.status?.containerStatuses?.[0];
      return st?.lastState?.terminated?.reason === 'StartError';
    }, 30_000);
    const st = (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/dl-sleep`)).json.status.containerStatuses[0];
    expect(st.lastState.terminated).toMatchObject({ exitCode: 128, startedAt: '1970-01-01T00:00:00Z' });
    expect(st.lastState.terminated.message).toContain('exec: "sleep": executable file not found in $PATH');
    const r = await kubectl(c, ['get', 'events', '-n', NS, '--field-selector', 'involvedObject.name=dl-sleep', '-o', 'jsonpath={.items[*].reason}']);
    expect(r.stdout).toContain('Failed');
  });

  it('refuses an unknown container with the API server message', async () => {
    const r = await kubectl(c, ['exec', '-n', NS, 'bb', '-c', 'nope', '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('container nope is not valid for pod bb');
  });
});
