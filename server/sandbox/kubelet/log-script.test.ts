/* eslint-disable @typescript-eslint/no-explicit-any -- pod status read as untyped JSON */
/**
 * Containers whose command echoes print what they echo (log-lines.ts scriptOf): the parser, and
 * `kubectl logs` on a Job and a looping pod made the way tutorials make them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandDate, scriptOf } from './log-lines';
import { refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';

describe('scriptOf', () => {
  it('reads echo commands, shell scripts and while-true loops', () => {
    expect(scriptOf(['echo'], ['hi', 'there'])).toEqual({ once: ['hi there'], exitAfterMs: 0 });
    expect(scriptOf(['/bin/sh', '-c', `echo 'hello world' && sleep 3600`], undefined)).toEqual({ once: ['hello world'], exitAfterMs: 3_600_000 });
    expect(scriptOf(['sh', '-c', 'echo ready; exec nginx'], undefined)).toEqual({ once: ['ready'] });
    expect(scriptOf(['sh'], ['-c', 'echo start; while true; do echo "$(date) tick"; sleep 5; done'])).toEqual({
      once: ['start'],
      loop: { lines: ['$(date) tick'], periodMs: 5000 },
    });
    expect(scriptOf(['nginx', '-g', 'daemon off;'], undefined)).toBeUndefined();
    expect(scriptOf(['sh', '-c', 'sleep 3600'], undefined)).toBeUndefined();
    expect(scriptOf(undefined, undefined)).toBeUndefined();
  });

  it('expands $(date) like busybox date', () => {
    expect(expandDate('$(date) tick', Date.UTC(2026, 10, 22, 18, 4, 5))).toBe('Sun Nov 22 18:04:05 UTC 2026 tick');
  });
});

describe('kubectl logs of echoing containers', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster({ speed: 50 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('a Job running `echo` logs exactly that; a loop logs one round per sleep', async () => {
    await c.kubectl(['create', 'job', 'hello', '--image=busybox:1.37', '--', 'echo', 'hi', 'there']);
    await c.kubectl(['wait', '--for=condition=complete', 'job/hello', '--timeout=20s']);
    expect((await c.kubectl(['logs', 'job/hello'])).stdout).toBe('hi there\n');

    await c.kubectl(['run', 'ticker', '--image=busybox:1.37', '--', 'sh', '-c', 'echo start; while true; do echo tick; sleep 1; done']);
    await waitFor(() => (c.client.get(refs.pods, 'default', 'ticker') as { status?: { phase?: string } } | undefined)?.status?.phase === 'Running', 10_000, 'running');
    const first = (await c.kubectl(['logs', 'ticker'])).stdout;
    expect(first).toMatch(/^start\ntick\n/);
    const lines = await waitFor(async () => {
      const out = (await c.kubectl(['logs', 'ticker'])).stdout.trimEnd().split('\n');
      return out.length >= 3 ? out : undefined;
    }, 5_000, 'a second tick');
    expect(lines.slice(0, 3)).toEqual(['start', 'tick', 'tick']);
  });

  it('`kubectl run … -- echo hi` exits 0 at once and, under restartPolicy Always, crashloops like upstream', async () => {
    await c.kubectl(['run', 'once', '--image=busybox:1.37', '--', 'echo', 'hi']);
    const pod = await waitFor(() => {
      const p = c.client.get(refs.pods, 'default', 'once') as any;
      return p?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff' ? p : undefined;
    }, 10_000, 'CrashLoopBackOff');
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((await c.kubectl(['logs', 'once', '--previous'])).stdout).toBe('hi\n');
  });
});
