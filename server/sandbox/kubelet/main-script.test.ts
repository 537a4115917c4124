/* eslint-disable @typescript-eslint/no-explicit-any -- pod status read as untyped JSON */
/**
 * Container programs the userland can run are run for real (userland/main-script.ts): their output is the log,
 * their exit code the container's; what it cannot run keeps the image's simulated behaviour. Ephemeral
 * containers (kubectl debug) have logs too.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsInUserland } from './userland/main-script';
import { refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';

describe('runsInUserland', () => {
  it('takes programs the userland has and scripts made only of them', () => {
    expect(runsInUserland(['ls', '-l', '/'])).toBe(true);
    expect(runsInUserland(['/bin/cat', '/etc/os-release'])).toBe(true);
    expect(runsInUserland(['sh', '-c', 'echo start; ls / | head -3; cat /etc/hostname >&2; exit 3'])).toBe(true);
    expect(runsInUserland(['sh', '-c', 'X=$(hostname) && echo "$X" && exec env'])).toBe(true);
    expect(runsInUserland(['sh', '-c', '(cd /etc && ls) || true'])).toBe(true);
  });

  it('leaves daemons, missing tools, loops and bare shells to the simulation', () => {
    expect(runsInUserland(['nginx', '-g', 'daemon off;'])).toBe(false);
    expect(runsInUserland(['sh', '-c', 'until nslookup db; do sleep 2; done'])).toBe(false);
    expect(runsInUserland(['sh', '-c', 'while true; do date; sleep 5; done'])).toBe(false);
    expect(runsInUserland(['sh', '-c', 'echo $(python -V)'])).toBe(false);
    expect(runsInUserland(['sh', '-c', 'sh -c "echo nested"'])).toBe(false);
    expect(runsInUserland(['sh', '-c', "echo 'unterminated"])).toBe(false);
    expect(runsInUserland(['sh'])).toBe(false);
    expect(runsInUserland([])).toBe(false);
  });
});

describe('containers whose program the userland runs', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster({ speed: 50 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  const terminated = (name: string, container = 'c') =>
    waitFor(() => {
      const p = c.client.get(refs.pods, 'default', name) as any;
      const st = [...(p?.status?.containerStatuses ?? []), ...(p?.status?.ephemeralContainerStatuses ?? [])].find((s: any) => s.name === container);
      return st?.state?.terminated;
    }, 20_000, `${name}/${container} terminated`);

  it('`kubectl run -- sh -c …` logs what the script printed (stdout and stderr) and ends with its exit code', async () => {
    await c.kubectl(['run', 'c', '--image=busybox:1.37', '--restart=Never', '--', 'sh', '-c', 'echo start; cat /etc/hostname; echo oops >&2; exit 3']);
    const t = await terminated('c');
    expect(t).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect((await c.kubectl(['logs', 'c'])).stdout).toBe('start\nc\noops\n');
    expect((c.client.get(refs.pods, 'default', 'c') as any).status.phase).toBe('Failed');
  });

  it('a program given as args runs instead of the image default (the image CMD), and exits 0', async () => {
    await c.kubectl(['run', 'osr', '--image=alpine:3.20', '--restart=Never', '--', 'cat', '/etc/os-release']);
    const t = await waitFor(() => (c.client.get(refs.pods, 'default', 'osr') as any)?.status?.containerStatuses?.[0]?.state?.terminated, 20_000, 'osr terminated');
    expect(t).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((await c.kubectl(['logs', 'osr'])).stdout).toMatch(/^NAME="Alpine Linux"\nID=alpine\n/);
  });

  it('a script with a tool the userland lacks keeps the simulated run (it does not fail with "not found")', async () => {
    await c.kubectl(['run', 'lookup', '--image=busybox:1.37', '--', 'sh', '-c', 'until nslookup db; do sleep 2; done']);
    await waitFor(() => (c.client.get(refs.pods, 'default', 'lookup') as any)?.status?.phase === 'Running', 20_000, 'running');
    expect((await c.kubectl(['logs', 'lookup'])).stdout).not.toMatch(/not found/);
  });

  it('kubectl debug: the ephemeral container runs its command in the target process namespace and has logs', async () => {
    await c.kubectl(['run', 'web', '--image=nginx:1.27']);
    await waitFor(() => (c.client.get(refs.pods, 'default', 'web') as any)?.status?.phase === 'Running', 20_000, 'web running');
    await c.kubectl(['debug', 'web', '--image=busybox:1.36', '-c', 'dbg', '--target=web', '--', 'sh', '-c', 'echo from-debug; ps']);
    const t = await terminated('web', 'dbg');
    expect(t).toMatchObject({ exitCode: 0 });
    const logs = (await c.kubectl(['logs', 'web', '-c', 'dbg'])).stdout;
    expect(logs).toMatch(/^from-debug\nPID\s+USER\s+TIME\s+COMMAND\n\s+1 root .*nginx/);
  });

  it('`kubectl run -i` with a piped script: what the shell printed is also the container log, and kubectl exits with its code', async () => {
    const kubeconfig = path.join(c.dir, 'kubeconfig');
    const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const p = spawn('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, 'run', '-i', '--restart=Never', 'piped', '--image=busybox:1.37', '--', 'sh']);
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('error', reject);
      p.on('close', (code) => resolve({ code, out }));
      p.stdin.end('echo piped-line; exit 4\n');
    });
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/piped-line/);
    expect((await c.kubectl(['logs', 'piped'])).stdout).toBe('piped-line\n');
  });
});
