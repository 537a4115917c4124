/**
 * The real kubectl on a pseudo-terminal: `exec -it` into a shell (prompt, line editing, Ctrl-C, exit code),
 * `attach` to a container started with stdin, `debug` with an ephemeral container and a node debugger pod.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, request, type TestCluster } from '../test-helpers';
import { kubectlPty, NS, startExecCluster, waitRunning } from './testing';

let c: TestCluster;

beforeAll(async () => {
  c = await startExecCluster('ki', [
    { name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
    { name: 'deb', spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    { name: 'tty', spec: { containers: [{ name: 'shell', image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true }] } },
  ]);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl on a terminal', () => {
  it('exec -it: a shell with a prompt, line editing, Ctrl-C and the exit code', async () => {
    const k = kubectlPty(c, ['exec', '-it', '-n', NS, 'bb', '--', 'sh']);
    await k.saw(/\/ # $/);
    // type "echo helo", fix it with Left + insert, run it
    k.write('echo helo\x1b[D\x1b[Dl\r');
    await k.saw(/\r\nhello\r\n\/ # $/);
    k.write('sleep 100\r');
    await k.saw(/sleep 100\r\n$/);
    k.write('\x03');
    await k.saw(/\^C\r\n\/ # $/);
    k.write('cd /tmp && pwd\r');
    await k.saw(/\r\n\/tmp\r\n\/tmp # $/);
    k.write('exit 4\r');
    expect(await k.exited).toBe(4);
  });

  it('exec -it into a Debian image gets bash with its prompt', async () => {
    const k = kubectlPty(c, ['exec', '-it', '-n', NS, 'deb', '--', 'bash']);
    await k.saw(/root@deb:\/# $/);
    k.write('echo $TERM; exit\r');
    await k.saw(/xterm/);
    expect(await k.exited).toBe(0);
  });

  it('attach -it connects to the main shell of a container started with stdin and tty', async () => {
    const k = kubectlPty(c, ['attach', '-it', '-n', NS, 'tty']);
    await k.saw(/If you don't see a command prompt, try pressing enter\./);
    k.write('\r');
    await k.saw(/\/ # $/);
    k.write('echo attached-$((1))x; hostname\r');
    await k.saw(/\r\ntty\r\n/);
    // detach with the escape sequence kubectl documents? Ctrl-P Ctrl-Q is docker's; kubectl ends on exit
    k.write('exit\r');
    await k.exited;
    await eventually(async () => (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/tty`)).json?.status?.containerStatuses?.[0]?.state?.terminated);
  });

  it('debug -it pod with --target adds an ephemeral container and attaches to it', async () => {
    const k = kubectlPty(c, ['debug', '-it', '-n', NS, 'pod/bb', '--image=busybox:1.36', '--target=app', '--container=dbg']);
    await k.saw(/try pressing enter\.\r\n/, 30_000);
    k.write('\r');
    await k.saw(/\/ # $/);
    k.write('ps\r');
    await k.saw(/sleep 3600/);
    k.write('exit\r');
    await k.exited;
    const pod = (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/bb`)).json;
    expect(pod.spec.ephemeralContainers).toMatchObject([{ name: 'dbg', image: 'busybox:1.36', targetContainerName: 'app', stdin: true, tty: true }]);
    await eventually(async () => (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/bb`)).json?.status?.ephemeralContainerStatuses?.[0]?.state?.terminated);
  });

  it('debug node/<n> -it runs a node debugger pod with the host at /host', async () => {
    const nodes = (await request(c, 'GET', '/api/v1/nodes')).json.items;
    const node = nodes[0].metadata.name as string;
    const k = kubectlPty(c, ['debug', `node/${node}`, '-it', '-n', NS, '--image=busybox:1.36']);
    await k.saw(/try pressing enter\.\r\n/, 30_000);
    k.write('\r');
    await k.saw(/\/ # $/);
    k.write('cat /host/etc/hostname; ls /host/etc/kubernetes\r');
    await k.saw(new RegExp(`${node}\\r\\n[\\s\\S]*manifests`));
    k.write('exit\r');
    await k.exited;
    const pods = (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods`)).json.items;
    const dbg = pods.find((p: { metadata: { name: string } }) => p.metadata.name.startsWith(`node-debugger-${node}-`));
    expect(dbg.spec).toMatchObject({ nodeName: node, hostPID: true, hostNetwork: true, hostIPC: true });
    await waitRunning(c, 'bb');
  });
});
