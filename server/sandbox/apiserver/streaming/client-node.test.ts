/** @kubernetes/client-node 1.4's Exec and Attach classes against the sandbox, as the console's terminal uses them. */
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attach, Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import type { TestCluster } from '../test-helpers';
import { NS, startExecCluster } from './testing';

let c: TestCluster;
let kc: KubeConfig;

beforeAll(async () => {
  c = await startExecCluster('cx', [
    { name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
    { name: 'it', spec: { containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true }] } },
  ]);
  kc = new KubeConfig();
  kc.loadFromString(c.kubeconfig);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

function sink(): { stream: Writable; text(): string; saw(re: RegExp): Promise<void> } {
  let out = '';
  const waiters = new Set<() => void>();
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      for (const w of [...waiters]) w();
      cb();
    },
  });
  const saw = (re: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!re.test(out)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { stream, text: () => out, saw };
}

function run(command: string[], stdin: PassThrough | null, tty = false): Promise<{ status: V1Status; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  return new Promise((resolve, reject) => {
    new Exec(kc)
      .exec(NS, 'bb', 'app', command, out.stream, err.stream, stdin, tty, (status) => resolve({ status, stdout: out.text(), stderr: err.text() }))
      .catch(reject);
  });
}

describe('client-node Exec and Attach', () => {
  it('Exec runs a command and reports Success', async () => {
    const r = await run(['sh', '-c', 'echo $((6*7)) && hostname'], null);
    expect(r.stdout).toBe('42\nbb\n');
    expect(r.status.status).toBe('Success');
  });

  it('Exec reports the exit code cause on failure and relays stderr', async () => {
    const r = await run(['ls', '/nope'], null);
    expect(r.stderr).toBe('ls: /nope: No such file or directory\n');
    expect(r.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '1' }] } });
  });

  it('Exec streams stdin; ending it half-closes stdin (v5)', async () => {
    const stdin = new PassThrough();
    const p = run(['sh', '-c', 'grep -c k8s; echo end'], stdin);
    stdin.write('k8s one\nother\n');
    stdin.end('k8s two\n');
    const r = await p;
    expect(r.stdout).toBe('2\nend\n');
  });

  it('Attach connects to the main process of a container started with stdin', async () => {
    const stdin = new PassThrough();
    const out = sink();
    const ws = await new Attach(kc).attach(NS, 'it', 'sh', out.stream, null, stdin, true);
    stdin.write('echo attached-$((40+2))\r');
    await out.saw(/attached-42\r\n/);
    expect(out.text()).toContain('echo attached-$((40+2))\r\n');
    ws.close();
  });
});
