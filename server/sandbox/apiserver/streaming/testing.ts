/** Test support for the streaming subresources: a cluster with a few running pods of different images. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eventually, KUBECTL, request, startTestCluster, type TestCluster } from '../test-helpers';

export const NS = 'ex';

export async function startExecCluster(name: string, pods: { name: string; spec: object }[]): Promise<TestCluster> {
  const c = await startTestCluster({ name, noRuntime: false, scenario: 'empty', speed: 50 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: NS } } });
  for (const p of pods) await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: { metadata: { name: p.name, labels: { app: p.name } }, spec: p.spec } });
  for (const p of pods) await waitRunning(c, p.name);
  return c;
}

export async function waitRunning(c: TestCluster, name: string, ns = NS): Promise<void> {
  await eventually(async () => {
    const pod = (await request(c, 'GET', `/api/v1/namespaces/${ns}/pods/${name}`)).json;
    return pod?.status?.phase === 'Running' && (pod.status.containerStatuses ?? []).every((s: { state?: { running?: unknown } }) => s.state?.running);
  }, 30_000);
}

export interface PtyKubectl {
  write(s: string): void;
  saw(re: RegExp, timeoutMs?: number): Promise<void>;
  output(): string;
  exited: Promise<number>;
  kill(): void;
}

/** Runs kubectl on a pseudo-terminal (util-linux `script`), so `-it` really gets a terminal. */
export function kubectlPty(c: TestCluster, args: string[]): PtyKubectl {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const cmd = [KUBECTL, '--kubeconfig', c.kubeconfigPath, '--cache-dir', path.join(c.dir, 'cache'), ...args].map(q).join(' ');
  const child = spawn('script', ['-q', '-e', '-c', `stty cols 120 rows 40; exec ${cmd}`, '/dev/null'], { env: { ...process.env, HOME: c.dir, TERM: 'xterm' } });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return {
    write: (s) => child.stdin.write(s),
    output: () => out,
    exited,
    kill: () => child.kill(),
    saw: (re, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${re}; got ${JSON.stringify(out)}`));
        }, timeoutMs);
        const check = () => {
          if (!re.test(out)) return;
          clearTimeout(t);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
}
