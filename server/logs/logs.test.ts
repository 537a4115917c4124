/**
 * Log streams end to end over real HTTPS against a sandbox cluster with its simulated kubelets: a pod's
 * follow, a Deployment's merged pods, resume after the connection to the API server is cut (no duplicate,
 * no gap, checked against the cluster's own log), flow control, previous instance, and the download route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, eventually, quietLogger, type Harness } from '../watch/testing';
import { R, deployment, LOG_RATE_ANNOTATION } from '@wheelhouse/sandbox/testing';
import type { ClientSocket } from '../../lib/realtime/watch-client';
import type { LogsBatch, LogsOpenRequest, LogsStatus, WireLogLine } from '../../lib/protocol';
import { splitTimestamp } from '../../lib/logs/timestamp';
import { liveSessions } from './log-socket';
import { LogSession } from './log-session';
import { openPodSource } from './pod-source';
import { SERVICE_IDENTITY } from '../auth/identity';

let h: Harness;
const NS = 'default';

beforeAll(async () => {
  h = await startHarness({ proxy: true, sandbox: { noRuntime: false, scenario: 'empty', speed: 20 } });
  h.sandbox.client.create(R.deployments, deployment({ ns: NS, name: 'web', image: 'nginx:1.27', replicas: 2, podAnnotations: { [LOG_RATE_ANNOTATION]: '40' } }));
  h.sandbox.client.create(R.deployments, deployment({ ns: NS, name: 'boom', image: 'demo/app:crash', replicas: 1 }));
  await eventually(() => h.sandbox.client.list(R.pods, { namespace: NS, labelSelector: 'app=web' }).items.filter((p) => (p.status as { phase?: string })?.phase === 'Running').length === 2, 20_000, 'web pods running');
}, 40_000);
afterAll(() => h?.close());

const podsOf = (app: string) => h.sandbox.client.list(R.pods, { namespace: NS, labelSelector: `app=${app}` }).items.map((p) => p.metadata.name as string).sort();

interface Collected {
  lines: WireLogLine[];
  batches: LogsBatch[];
  statuses: LogsStatus[];
  streamId: string;
  c: ClientSocket;
}

async function open(req: Partial<LogsOpenRequest> & { name: string }, autoAck = true): Promise<Collected> {
  const c = h.client();
  const out: Collected = { lines: [], batches: [], statuses: [], streamId: '', c };
  c.on('logs:batch', (b) => {
    out.batches.push(b);
    out.lines.push(...b.lines);
    if (autoAck) c.emit('logs:ack', { streamId: b.streamId, seq: b.seq });
  });
  c.on('logs:status', (s) => out.statuses.push(s));
  const ack = await c.emitWithAck('logs:open', { cluster: h.clusterId, namespace: NS, group: '', version: 'v1', resource: 'pods', container: '', follow: true, ...req });
  if (!ack.ok) throw new Error(ack.error.message);
  out.streamId = ack.streamId;
  return out;
}

describe('pod logs over socket.io', () => {
  it('streams a pod with follow, lines in timestamp order', async () => {
    const pod = podsOf('web')[0]!;
    const s = await open({ name: pod, tailLines: 5 });
    await eventually(() => s.lines.length >= 20, 10_000, 'lines');
    expect(s.lines.every((l) => l.pod === pod && l.container === 'web' && l.ts)).toBe(true);
    const ts = s.lines.map((l) => l.ts);
    expect([...ts].sort()).toEqual(ts);
    s.c.emit('logs:close', { streamId: s.streamId });
  });

  it("merges a Deployment's pods by timestamp", async () => {
    const s = await open({ group: 'apps', resource: 'deployments', name: 'web', tailLines: 10 });
    await eventually(() => new Set(s.lines.map((l) => l.pod)).size >= 2, 10_000, 'two pods');
    expect(s.statuses.some((st) => st.pods?.length === 2)).toBe(true);
    for (const b of s.batches) expect(b.lines.map((l) => l.ts)).toEqual(b.lines.map((l) => l.ts).sort());
    s.c.emit('logs:close', { streamId: s.streamId });
  });

  it("orders a Deployment's pods by timestamp across batches and keeps each container's own order", async () => {
    // a session of its own with a long reorder window, so a slow upstream response under load cannot
    // outlast it; the socket route uses the default window
    const req: LogsOpenRequest = { cluster: h.clusterId, namespace: NS, group: 'apps', version: 'v1', resource: 'deployments', name: 'web', container: '', follow: true, tailLines: 60 };
    const client = h.dp.registry.client(h.clusterId).as(SERVICE_IDENTITY);
    const lines: WireLogLine[] = [];
    const session: LogSession = new LogSession({
      id: 'order',
      req,
      client,
      pods: await openPodSource(h.dp.hub, client, req),
      logger: quietLogger,
      limits: { reorderMs: 5_000 },
      emitBatch: (b) => {
        lines.push(...b.lines);
        session.ack(b.seq);
      },
      emitStatus: () => undefined,
    });
    session.start();
    // each pod's 60-line tail spans the same 1.5 s and comes in its own response: they must interleave
    await eventually(() => lines.length >= 200, 15_000, 'lines of both pods');
    session.stop();
    const ts = lines.map((l) => l.ts);
    expect(ts).toEqual([...ts].sort());
    const pods = podsOf('web');
    expect(new Set(lines.map((l) => l.pod))).toEqual(new Set(pods));
    for (const pod of pods) {
      const mine = lines.filter((l) => l.pod === pod);
      const [first, last] = [mine[0]!.ts, mine.at(-1)!.ts];
      const full = (await (await fetch(`${h.url}/api/clusters/${h.clusterId}/logs/${NS}/${pod}?timestamps=true`)).text()).trim().split('\n').map(splitTimestamp);
      expect(mine.map((l) => `${l.ts} ${l.text}`)).toEqual(full.filter((l) => l.ts >= first && l.ts <= last).map((l) => `${l.ts} ${l.text}`));
    }
  });

  it('resumes after the API server connection drops with no duplicate and no missing line', async () => {
    const pod = podsOf('web')[1]!;
    const s = await open({ name: pod, tailLines: 0 });
    await eventually(() => s.lines.length >= 10, 10_000, 'first lines');
    await h.proxy!.stop();
    await h.proxy!.start();
    const before = s.lines.length;
    await eventually(() => s.lines.length >= before + 40, 15_000, 'lines after resume');
    s.c.emit('logs:close', { streamId: s.streamId });
    const full = (await (await fetch(`${h.url}/api/clusters/${h.clusterId}/logs/${NS}/${pod}?timestamps=true`)).text()).trim().split('\n').map(splitTimestamp);
    const first = s.lines[0]!.ts;
    const last = s.lines[s.lines.length - 1]!.ts;
    const expected = full.filter((l) => l.ts >= first && l.ts <= last).map((l) => `${l.ts} ${l.text}`);
    expect(s.lines.map((l) => `${l.ts} ${l.text}`)).toEqual(expected);
  });

  it('stops reading upstream while batches are unacknowledged, then continues', async () => {
    const before = new Set(liveSessions);
    const s = await open({ group: 'apps', resource: 'deployments', name: 'web', tailLines: 0 }, false);
    const session = [...liveSessions].find((x) => !before.has(x))!;
    await eventually(() => s.batches.length >= 4, 10_000, 'four batches');
    await eventually(() => session.stats.pauses > 0, 5_000, 'paused');
    const stuck = s.batches.length;
    // no sleep to prove an absence: the session itself says it declined to send (a flush found the browser behind)
    // while lines wait on its side, and nothing more reached the browser
    await eventually(() => session.stats.held > 0 && session.stats.linesIn > session.stats.linesSent, 10_000, 'lines held back');
    expect(s.batches.length).toBe(stuck);
    expect(s.batches.reduce((n, b) => n + b.lines.length, 0)).toBe(session.stats.linesSent);
    for (const b of s.batches) s.c.emit('logs:ack', { streamId: s.streamId, seq: b.seq });
    await eventually(() => s.batches.length > stuck, 5_000, 'more after ack');
    s.c.emit('logs:close', { streamId: s.streamId });
  });

  it("shows a crashed container's previous instance and ends", async () => {
    await eventually(() => {
      const p = h.sandbox.client.list(R.pods, { namespace: NS, labelSelector: 'app=boom' }).items[0] as { status?: { containerStatuses?: { restartCount: number }[] } } | undefined;
      return (p?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1;
    }, 20_000, 'a restart');
    const s = await open({ name: podsOf('boom')[0]!, previous: true, follow: false });
    await eventually(() => s.statuses.some((st) => st.state === 'ended'), 10_000, 'ended');
    expect(s.lines.length).toBeGreaterThan(0);
  });

  it('answers unknown pods with the API error in the ack', async () => {
    const c = h.client();
    const ack = await c.emitWithAck('logs:open', { cluster: h.clusterId, namespace: NS, group: '', version: 'v1', resource: 'pods', name: 'nope', container: '', follow: true });
    expect(ack.ok === false && ack.error.status).toBe(404);
  });
});

describe('download route', () => {
  it('returns the whole log as an attachment', async () => {
    const pod = podsOf('web')[0]!;
    const res = await fetch(`${h.url}/api/clusters/${h.clusterId}/logs/${NS}/${pod}?container=web`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${pod}-web.log"`);
    const text = await res.text();
    expect(text.split('\n').length).toBeGreaterThan(30);
    const bad = await fetch(`${h.url}/api/clusters/${h.clusterId}/logs/${NS}/${pod}?container=nope`);
    expect(bad.status).toBe(400);
  });
});
