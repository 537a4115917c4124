/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * Fidelity that needs the simulated control plane and kubelets, through the real kubectl: shell images with
 * no command exit at once, ControllerRevisions carry the DaemonSet's annotations (CHANGE-CAUSE in rollout
 * history), and a never-firing CronJob schedule is reported as InvalidSchedule by the controller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const k = (args: string[], input?: string) => kubectl(c, args, input);

beforeAll(async () => {
  c = await startTestCluster({ name: 'rtf', noRuntime: false, scenario: 'empty', speed: 50 });
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

const pod = async (name: string) => (await request(c, 'GET', `/api/v1/namespaces/default/pods/${name}`)).json;

describe.skipIf(!hasKubectl)('runtime fidelity', () => {
  it('busybox with no command completes at once, then CrashLoopBackOff under restartPolicy Always', async () => {
    expect((await k(['run', 'bb', '--image=busybox'])).code).toBe(0);
    const p = await eventually(async () => {
      const cur = await pod('bb');
      const st = cur.status?.containerStatuses?.[0];
      return st?.restartCount >= 1 && st.lastState?.terminated && cur;
    }, 20_000);
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    await eventually(async () => (await pod('bb')).status.containerStatuses[0].state.waiting?.reason === 'CrashLoopBackOff', 20_000);
    // kubectl shows it restarting (the status column flips between Completed, CrashLoopBackOff and Running)
    const got = await k(['get', 'pod', 'bb']);
    expect(got.stdout).toMatch(/\nbb\s+[01]\/1\s+\S+\s+[1-9]\d*/);
    // with a command, or under restartPolicy Never, it behaves as before
    expect((await k(['run', 'once', '--image=alpine:3.20', '--restart=Never'])).code).toBe(0);
    await eventually(async () => (await pod('once')).status?.phase === 'Succeeded', 20_000);
    expect((await k(['run', 'sleeper', '--image=busybox', '--', 'sleep', '3600'])).code).toBe(0);
    await eventually(async () => (await pod('sleeper')).status?.phase === 'Running', 20_000);
    expect((await pod('sleeper')).status.containerStatuses[0].restartCount).toBe(0);
  });

  it('rollout history ds shows CHANGE-CAUSE from the DaemonSet annotations', async () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, annotations: {kubernetes.io/change-cause: "initial deploy"}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: "nginx:1.27"}]}
`;
    expect((await k(['apply', '-f', '-'], ds)).code).toBe(0);
    await eventually(async () => (await k(['rollout', 'history', 'ds/agent'])).stdout.includes('initial deploy'), 20_000);
    const h = await k(['rollout', 'history', 'ds/agent']);
    expect(h.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+initial deploy/);
    const crs = (await request(c, 'GET', '/apis/apps/v1/namespaces/default/controllerrevisions')).json.items;
    expect(crs[0].metadata.annotations['kubernetes.io/change-cause']).toBe('initial deploy');
  });

  it('a CronJob that can never fire is accepted and reported as InvalidSchedule', async () => {
    expect((await k(['create', 'cronjob', 'feb31', '--image=busybox', '--schedule=59 23 31 2 *'])).code).toBe(0);
    const ev = await eventually(async () => {
      const r = await k(['get', 'events', '--field-selector', 'involvedObject.name=feb31', '-o', 'json']);
      return (JSON.parse(r.stdout).items as any[]).find((e) => e.reason === 'InvalidSchedule');
    }, 20_000);
    expect(ev.type).toBe('Warning');
    expect(ev.message).toBe('invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second');
  });
});
