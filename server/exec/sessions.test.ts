/**
 * Terminal sessions against a sandbox cluster over real HTTPS/WebSockets, seen from the person's side:
 * - concurrent-session limits (per person and per console, as configured): the session over a limit is refused with
 *   429 and a message naming the limit, nothing is opened upstream for it, and a closed session frees its slot;
 * - signing out (this session) and "Sign out everywhere" end open terminals: the browser is told the session ended
 *   and the upstream process is gone, while another person's terminal stays open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, USERS } from '../auth/testing';
import { eventually } from '../watch/testing';
import { closeCodeFor } from '../../lib/exec/protocol';
import { runPod, startExecHarness, TestTerminal, type ExecHarness } from './testing';

let h: ExecHarness;
const NS = 'default';
const POD = 'limits-pod';

const term = (b: Browser, command: string[]) => new TestTerminal(h.url, { cluster: h.cluster, namespace: NS, pod: POD, container: 'main', command }, { cookie: b.cookie });

async function opened(t: TestTerminal) {
  await t.until(() => Boolean(t.frame('open')), 'open');
}

async function login(user: keyof typeof USERS): Promise<Browser> {
  const b = new Browser(h.url);
  expect((await b.login(user, USERS[user].password)).status).toBe(200);
  return b;
}

/** the processes running in the pod, read through a terminal of its own (as root) */
async function ps(): Promise<string> {
  const root = await login('root');
  const p = term(root, ['ps']);
  await p.closed;
  return p.output;
}

/** sessions the console counts as open for one command */
const liveWith = (word: string) => h.exec.terminals.sessions().filter((s) => s.target.command.includes(word)).length;

beforeAll(async () => {
  h = await startExecHarness({ maxPerUser: 2, maxSessions: 3 });
  const admin = h.dp.registry.client(h.cluster);
  // bob (wheelhouse:editors) gets the built-in edit role, which includes create/get on pods/exec
  await admin.request({
    method: 'POST',
    path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
    body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'editors-edit' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'wheelhouse:editors' }] },
  });
  await runPod(h, NS, { metadata: { name: POD }, spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('concurrent-session limits', () => {
  it('refuses the terminal over the per-person limit with 429 and says which limit, and a closed one frees its slot', async () => {
    const root = await login('root');
    const a = term(root, ['sleep', '701']);
    const b = term(root, ['sleep', '702']);
    await Promise.all([opened(a), opened(b)]);

    const over = term(root, ['sleep', '703']);
    expect(await over.closed).toBe(closeCodeFor(429));
    expect(over.frame('open')).toBeUndefined();
    const err = over.frame('error')!;
    expect(err).toMatchObject({ t: 'error', status: 429, reason: 'TooManyRequests' });
    expect(err.message).toContain('limit 2 per person');
    expect(err.message).toContain('WHEELHOUSE_EXEC_MAX_PER_USER');
    // refused before anything ran upstream
    expect(await ps()).not.toContain('sleep 703');
    expect(h.audit().filter((l) => l.session?.command?.includes('703') && l.message === 'session started')).toHaveLength(0);

    a.ws.close();
    await a.closed;
    await eventually(() => liveWith('701') === 0, 10_000, 'slot released');
    const again = term(root, ['sleep', '704']);
    await opened(again);
    expect(again.frame('error')).toBeUndefined();
    b.ws.close();
    again.ws.close();
    await Promise.all([b.closed, again.closed]);
    await eventually(() => h.exec.terminals.sessions().length === 0, 10_000, 'all closed');
  });

  it('refuses the terminal over the per-console limit, whoever asks, until one closes', async () => {
    const [root, bob] = await Promise.all([login('root'), login('bob')]);
    const r1 = term(root, ['sleep', '711']);
    const r2 = term(root, ['sleep', '712']);
    const b1 = term(bob, ['sleep', '713']);
    await Promise.all([opened(r1), opened(r2), opened(b1)]);

    // bob has one of his two, but the console runs 3 of 3
    const over = term(bob, ['sleep', '714']);
    expect(await over.closed).toBe(closeCodeFor(429));
    const err = over.frame('error')!;
    expect(err).toMatchObject({ status: 429, reason: 'TooManyRequests' });
    expect(err.message).toContain('the console already runs 3 sessions');
    expect(err.message).toContain('WHEELHOUSE_EXEC_MAX_SESSIONS=3');

    r1.ws.close();
    await r1.closed;
    await eventually(() => liveWith('711') === 0, 10_000, 'slot released');
    const b2 = term(bob, ['sleep', '715']);
    await opened(b2);
    for (const t of [r2, b1, b2]) t.ws.close();
    await Promise.all([r2.closed, b1.closed, b2.closed]);
    await eventually(() => h.exec.terminals.sessions().length === 0, 10_000, 'all closed');
  });

  it('gives the slot back when the session fails upstream (RBAC refusal)', async () => {
    const alice = await login('alice');
    for (let i = 0; i < 3; i++) {
      const t = term(alice, ['true']);
      expect(await t.closed).toBe(closeCodeFor(403));
    }
    expect(h.exec.terminals.sessions()).toHaveLength(0);
  });
});

describe('signing out ends open terminals', () => {
  it('a logout ends that session’s terminal and its process, and leaves another person’s open', async () => {
    const [root, bob] = await Promise.all([login('root'), login('bob')]);
    const mine = term(root, ['sleep', '801']);
    const theirs = term(bob, ['sleep', '802']);
    await Promise.all([opened(mine), opened(theirs)]);
    expect(await ps()).toContain('sleep 801');

    expect((await root.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    await mine.closed;
    expect(mine.frame('exit')).toMatchObject({ t: 'exit', code: null, message: 'signed out' });
    await eventually(async () => !(await ps()).includes('sleep 801'), 10_000, 'sleep 801 gone');
    const end = h.audit().filter((l) => l.session?.command?.includes('801') && l.session.end);
    expect(end).toHaveLength(1);
    expect(end[0]!.message).toBe('signed out');

    // bob's terminal is untouched, and the revoked cookie cannot open a new one
    theirs.type('x');
    expect(theirs.ws.readyState).toBe(theirs.ws.OPEN);
    expect(liveWith('802')).toBe(1);
    const stale = term(root, ['true']);
    expect(await new Promise<number>((r) => stale.ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)))).toBe(401);
    theirs.ws.close();
    await theirs.closed;
  });

  it('"Sign out everywhere" ends the terminals of every session of that person', async () => {
    const [laptop, phone] = [await login('bob'), await login('bob')];
    const t1 = term(laptop, ['sleep', '811']);
    const t2 = term(phone, ['sleep', '812']);
    await Promise.all([opened(t1), opened(t2)]);

    expect((await phone.fetch('/api/auth/logout-everywhere', { method: 'POST' })).status).toBe(204);
    await Promise.all([t1.closed, t2.closed]);
    for (const t of [t1, t2]) expect(t.frame('exit')).toMatchObject({ code: null, message: 'signed out' });
    await eventually(async () => {
      const out = await ps();
      return !out.includes('sleep 811') && !out.includes('sleep 812');
    }, 10_000, 'both sleeps gone');
    expect(h.exec.terminals.sessions()).toHaveLength(0);
  });
});
