/**
 * The terminal relay against a sandbox cluster over real HTTPS/WebSockets: the shell's one-exec bash/sh choice,
 * exit codes, resize, distroless, RBAC, handshake auth, limits, backpressure, keep-alive pings (injected
 * scheduler: 30 minutes of ticks without waiting) and that closing the terminal ends the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, USERS } from '../auth/testing';
import { eventually } from '../watch/testing';
import { runPod, startExecHarness, TestTerminal, type ExecHarness } from './testing';

let h: ExecHarness;
let root: Browser;
const NS = 'default';

async function createPod(name: string, image: string, extra: Record<string, unknown> = {}) {
  await runPod(h, NS, { metadata: { name }, spec: { containers: [{ name: 'main', image, command: ['sleep', '3600'], ...extra }] } });
}

const term = (pod: string, extra: Partial<ConstructorParameters<typeof TestTerminal>[1]> = {}, b: Browser = root, o: { autoAck?: boolean } = {}) =>
  new TestTerminal(h.url, { cluster: h.cluster, namespace: NS, pod, container: 'main', ...extra }, { cookie: b.cookie, ...o });

async function opened(t: TestTerminal) {
  await t.until(() => Boolean(t.frame('open')), 'open');
}

beforeAll(async () => {
  h = await startExecHarness({ highWaterBytes: 64 * 1024 });
  root = new Browser(h.url);
  expect((await root.login('root', USERS.root.password)).status).toBe(200);
  await Promise.all([createPod('shell-pod', 'busybox:1.36'), createPod('bash-pod', 'debian:12'), createPod('nothing-pod', 'gcr.io/distroless/static:nonroot', { command: ['/app'] })]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('terminal relay', () => {
  it('runs the shell in one exec (bash where present), shows the pod name and the exit code, and audits start and end', async () => {
    const t = term('bash-pod');
    await opened(t);
    expect(t.frame('open')!.protocol).toBe('v5.channel.k8s.io');
    t.type('echo "shell=$0 host=$HOSTNAME"\r');
    await t.until(() => /shell=bash host=bash-pod/.test(t.output), 'echo');
    t.type('exit 3\r');
    await t.closed;
    expect(t.frame('exit')).toMatchObject({ t: 'exit', code: 3 });
    const lines = h.audit().filter((a) => a.verb === 'exec' && a.object.name === 'bash-pod');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ user: 'root', cluster: h.cluster, result: 'success', session: { container: 'main', command: ['sh', '-c', expect.stringContaining('exec bash || exec sh')] } });
    expect(lines[1]!.session).toMatchObject({ exitCode: 3, end: expect.any(String) });
    // never the keystrokes or the output
    expect(JSON.stringify(lines)).not.toContain('shell=');
  });

  it('falls back to sh where bash is missing, and follows resizes', async () => {
    const t = term('shell-pod', { cols: 100, rows: 30 });
    await opened(t);
    t.type('stty size; echo "shell=$0"\r');
    await t.until(() => /30 100/.test(t.output) && /shell=sh/.test(t.output), 'initial size');
    t.resize(132, 43);
    t.type('stty size\r');
    await t.until(() => /43 132/.test(t.output), 'resized');
    t.ws.close();
    await t.closed;
  });

  it('reports a container without a shell as not found', async () => {
    const t = term('nothing-pod');
    await t.closed;
    const exit = t.frame('exit');
    expect(exit).toMatchObject({ t: 'exit', code: 127, notFound: true });
    expect(exit!.message).toMatch(/executable file not found/);
  });

  it('refuses a viewer with the RBAC reason, a handshake without a session, and one from another origin', async () => {
    const alice = new Browser(h.url);
    await alice.login('alice', USERS.alice.password);
    const t = term('shell-pod', {}, alice);
    const code = await t.closed;
    expect(code).toBe(4403);
    expect(t.frame('error')).toMatchObject({ status: 403, reason: 'Forbidden' });
    expect(t.frame('error')!.message).toMatch(/pods\/exec/);

    const anon = new TestTerminal(h.url, { cluster: h.cluster, namespace: NS, pod: 'shell-pod', container: 'main' });
    const unexpected = await new Promise<number>((r) => anon.ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)));
    expect(unexpected).toBe(401);
    const evil = new TestTerminal(h.url, { cluster: h.cluster, namespace: NS, pod: 'shell-pod', container: 'main' }, { cookie: root.cookie, origin: 'http://evil.example' });
    expect(await new Promise<number>((r) => evil.ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)))).toBe(403);
  });

  it('pauses the upstream when the browser stops acknowledging output, and resumes on ack', async () => {
    const t = term('shell-pod', { command: ['yes'] }, root, { autoAck: false });
    await opened(t);
    const flow = () => h.exec.terminals.sessions().find((s) => s.target.pod === 'shell-pod' && s.target.command[0] === 'yes')?.flow;
    await eventually(() => flow()?.upstreamPaused, 20_000, 'upstream paused');
    const atPause = flow()!.sent;
    // bounded: what is unacknowledged stays within the high-water mark plus one upstream frame
    expect(atPause).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);
    await t.until(() => t.received === atPause, 'all sent bytes arrived');
    expect(flow()!.upstreamPaused).toBe(true);
    t.ack();
    await t.until(() => t.received > atPause, 'more output after the ack');
    t.ws.close();
    await t.closed;
  });

  it('keeps an idle terminal through 30 minutes of keep-alive ticks, and drops a peer that stops answering pings', async () => {
    const t = term('shell-pod');
    await opened(t);
    for (let i = 0; i < 72; i++) {
      h.scheduler.tick();
      // a round trip after each tick: the pongs of both hops were read before it
      t.type(`echo tick-${i}\r`);
      await t.until(() => t.output.includes(`tick-${i}\r\n`), `tick ${i}`);
    }
    t.type('echo still-here\r');
    await t.until(() => t.output.includes('still-here\r\n'), 'alive after 30 minutes');
    t.ws.pause();
    h.scheduler.tick();
    h.scheduler.tick();
    await eventually(() => !h.exec.terminals.sessions().some((s) => s.target.pod === 'shell-pod' && s.target.command.length === 0), 10_000, 'dead peer dropped');
    t.ws.terminate();
  });

  it('ends the upstream process when the terminal closes', async () => {
    const t = term('shell-pod', { command: ['sleep', '987'] });
    await opened(t);
    const ps = async () => {
      const p = term('shell-pod', { command: ['ps'] });
      await p.closed;
      return p.output;
    };
    expect(await ps()).toContain('sleep 987');
    t.ws.close();
    await t.closed;
    await eventually(async () => !(await ps()).includes('sleep 987'), 10_000, 'sleep gone');
  });
});
