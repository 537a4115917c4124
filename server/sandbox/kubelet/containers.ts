/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Container state machine of the simulated kubelet: pull → create → start → (ready) → exit → backoff → restart.
 * Works on a PodRun; the kubelet supplies the side effects (status sync, events, timers).
 */
import type { KObject } from '../types';
import { iso } from '../controllers/lib/clock';
import { fnv32a } from '../controllers/lib/hash';
import { fullImage, imageBehaviour, pullMillis, shellDefaultImage } from './images';
import { scriptOf } from './log-lines';
import { imageFlavour } from './userland/images';
import { USERLAND_PROGRAMS } from './userland/programs';
import { runsInUserland } from './userland/main-script';
import { runHttpProbe } from './probes';
import type { CRun, PodRunView } from './pod-status';

export const RUN_SECONDS_ANNOTATION = 'sandbox.wheelhouse.dev/run-seconds';

export interface PodRun extends PodRunView {
  uid: string;
  ns: string;
  name: string;
  node: string;
  pod: KObject;
  terminating: boolean;
  cancels: Set<() => void>;
  /** bulk-created pods adopted as already running: no timers */
  light: boolean;
}

export interface ContainerHost {
  after(run: PodRun, simMs: number, fn: () => void): void;
  sync(run: PodRun): void;
  event(run: PodRun, c: CRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void;
  onContainerStopped(run: PodRun, c: CRun): void;
  /** Runs the container's program in its userland, `onExit` with its exit code; false when it cannot. */
  runMain?(run: PodRun, c: CRun, onExit: (exitCode: number) => void): boolean;
}

const BACKOFF_BASE = 10_000;
const BACKOFF_MAX = 300_000;

export function newCRun(spec: any, init: boolean, ephemeral = false): CRun {
  return {
    ...(ephemeral ? { ephemeral } : {}),
    name: spec.name,
    image: spec.image ?? 'busybox',
    init,
    restartCount: 0,
    state: { waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' } },
    lastState: {},
    ready: false,
    started: false,
    pulled: false,
    crashes: 0,
    pullFailures: 0,
    done: false,
  };
}

function containerId(run: PodRun, c: CRun): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += fnv32a(`${run.uid}/${c.name}/${c.restartCount}/${i}`).toString(16).padStart(8, '0');
  return hex.slice(0, 64);
}

function specOf(run: PodRun, c: CRun): any {
  const spec = (run.pod as any).spec ?? {};
  return (c.ephemeral ? spec.ephemeralContainers : c.init ? spec.initContainers : spec.containers)?.find((x: any) => x.name === c.name) ?? {};
}

export function startContainer(h: ContainerHost, run: PodRun, c: CRun): void {
  if (run.terminating) return;
  const behaviour = imageBehaviour(c.image);
  if (!c.pulled) {
    h.event(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    const ms = pullMillis(c.image);
    h.after(run, ms, () => {
      if (behaviour === 'pull-fail') return pullFailed(h, run, c);
      c.pulled = true;
      const secs = (ms / 1000).toFixed(3);
      h.event(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${(fnv32a(c.image) % 90_000_000) + 5_000_000} bytes.`);
      create(h, run, c);
    });
    return;
  }
  h.event(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
  create(h, run, c);
}

function pullFailed(h: ContainerHost, run: PodRun, c: CRun): void {
  const full = fullImage(c.image);
  const msg = `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
  c.state = { waiting: { reason: 'ErrImagePull', message: msg } };
  h.event(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${msg}`);
  h.event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
  h.sync(run);
  const backoff = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** c.pullFailures++);
  h.after(run, 1000, () => {
    c.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
    h.event(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
    h.event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    h.sync(run);
    h.after(run, backoff, () => startContainer(h, run, c));
  });
}

function create(h: ContainerHost, run: PodRun, c: CRun): void {
  if (run.terminating) return;
  const now = Date.now();
  if (c.current && c.current.endedMs !== undefined) c.previous = c.current;
  c.current = { id: containerId(run, c), image: c.image, startedMs: now };
  const spec0 = specOf(run, c);
  const missing = missingExecutable(spec0, c.image);
  if (missing) {
    // runc fails the task's start: the container never runs, the kubelet reports StartError (exit 128) and
    // restarts it with the usual back-off, as for `command: [sleep, 3600]` in a distroless image
    const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${missing}": executable file not found in $PATH: unknown`;
    h.event(run, c, 'Normal', 'Created', `Created container: ${c.name}`);
    h.event(run, c, 'Warning', 'Failed', `Error: ${message}`);
    exit(h, run, c, 128, 'StartError', message);
    return;
  }
  h.event(run, c, 'Normal', 'Created', `Created container: ${c.name}`);
  h.event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
  c.state = { running: { startedAt: iso(now) } };
  c.started = true;
  const spec = specOf(run, c);
  const behaviour = imageBehaviour(c.image);
  const rp = (run.pod as any).spec?.restartPolicy ?? 'Always';
  // readiness: no probe → ready at once; probe → after initialDelaySeconds (+ one period, roughly)
  if (!c.init && !c.ephemeral) {
    const probe = spec.readinessProbe;
    if (behaviour === 'unready') {
      const period = (probe?.periodSeconds ?? 10) * 1000;
      const tick = () => {
        h.event(run, c, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
        h.after(run, period, tick);
      };
      h.after(run, (probe?.initialDelaySeconds ?? 0) * 1000 + period, tick);
    } else if (!probe) c.ready = true;
    else {
      const period = (probe.periodSeconds ?? 10) * 1000;
      const delay = (probe.initialDelaySeconds ?? 0) * 1000 + Math.min(1000, period);
      const id = c.current.id;
      // an httpGet probe asks the container's simulated server (a 404 or a closed port fails, like a real
      // kubelet's prober); other probe kinds succeed once the delay is over
      const tick = () => {
        if (c.current?.id !== id || !c.state.running) return;
        const r = runHttpProbe(run.pod, spec, probe);
        if (!r || r.ok) {
          c.ready = true;
          h.sync(run);
          return;
        }
        h.event(run, c, 'Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`);
        h.after(run, period, tick);
      };
      h.after(run, delay, tick);
    }
  }
  h.sync(run);
  // a container started with stdin (kubectl run -it, kubectl debug -it) runs until its main process ends
  if (spec.stdin) return;
  const runSecs = Number((run.pod.metadata.annotations ?? {})[RUN_SECONDS_ANNOTATION] ?? 5);
  // exits belong to this instance only (an image change may have replaced it meanwhile)
  const instance = c.current.id;
  const exitLater = (ms: number, code: number, reason: string) =>
    h.after(run, ms, () => {
      if (c.current?.id === instance && c.current.endedMs === undefined) exit(h, run, c, code, reason);
    });
  if (behaviour === 'crash') exitLater(2500 + (fnv32a(run.uid) % 1500), 1, 'Error');
  else if (behaviour === 'oom') exitLater(4000, 137, 'OOMKilled');
  else if (behaviour === 'unhealthy' && !spec.livenessProbe?.httpGet) {
    const lp = spec.livenessProbe ?? {};
    const period = (lp.periodSeconds ?? 10) * 1000;
    const failures = lp.failureThreshold ?? 3;
    const first = (lp.initialDelaySeconds ?? 0) * 1000 + period;
    for (let i = 0; i < failures; i++) {
      h.after(run, first + i * period, () => {
        if (c.current?.id === instance) h.event(run, c, 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500');
      });
    }
    h.after(run, first + (failures - 1) * period, () => {
      if (c.current?.id !== instance) return;
      h.event(run, c, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`);
    });
    exitLater(first + (failures - 1) * period + 500, 137, 'Error');
  }
  else if (exitsAtOnce(spec, c.image, run.pod)) exitLater(100, 0, 'Completed'); // `sh` with no terminal
  else if (finiteScript(spec) !== undefined) exitLater(Math.max(100, finiteScript(spec)!), 0, 'Completed'); // `echo hi`: done at once
  else if (
    behaviour === 'run' &&
    userlandMain(spec, c.image, run.pod) &&
    h.runMain?.(run, c, (code) => {
      if (c.current?.id === instance && c.current.endedMs === undefined) exit(h, run, c, code, code === 0 ? 'Completed' : 'Error');
    })
  ) {
    // `ls /`, `sh -c 'cat /etc/os-release; env'`: the userland runs it; its output is the log, its exit the end
  }
  else if (c.init) exitLater(1000 + (fnv32a(run.uid + c.name) % 1000), 0, 'Completed');
  else if (rp !== 'Always' || c.ephemeral) {
    // `sleep 3600` (kubectl run … -- sleep 3600) runs its hour and `sleep infinity` forever; anything else its
    // run-seconds (the documented convention for commands the sandbox cannot know the length of)
    const slept = (run.pod.metadata.annotations ?? {})[RUN_SECONDS_ANNOTATION] === undefined ? sleepOnlyMs(spec) : undefined;
    if (slept === undefined) exitLater(runSecs * 1000, 0, 'Completed');
    else if (Number.isFinite(slept)) exitLater(Math.max(100, slept), 0, 'Completed');
  }
  if (!c.init && spec.livenessProbe?.httpGet) livenessLoop(h, run, c, spec, instance, exitLater);
}

/**
 * An httpGet liveness probe asks the container's simulated server every period; failureThreshold failures in a
 * row get the container killed (exit 137) and restarted by the usual back-off, like the kubelet.
 */
function livenessLoop(h: ContainerHost, run: PodRun, c: CRun, spec: any, instance: string, exitLater: (ms: number, code: number, reason: string) => void): void {
  const lp = spec.livenessProbe;
  const period = (lp.periodSeconds ?? 10) * 1000;
  const threshold = lp.failureThreshold ?? 3;
  let failures = 0;
  const tick = () => {
    if (c.current?.id !== instance || c.current.endedMs !== undefined) return;
    const r = runHttpProbe(run.pod, spec, lp);
    if (!r || r.ok) {
      failures = 0;
      h.after(run, period, tick);
      return;
    }
    h.event(run, c, 'Warning', 'Unhealthy', `Liveness probe failed: ${r.message}`);
    if (++failures < threshold) {
      h.after(run, period, tick);
      return;
    }
    h.event(run, c, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`);
    exitLater(500, 137, 'Error');
  };
  h.after(run, (lp.initialDelaySeconds ?? 0) * 1000 + period, tick);
}

/** A shell image started with nothing to run: no command, no args, no stdin, no run-seconds override. */
function exitsAtOnce(spec: { command?: string[]; args?: string[]; stdin?: boolean; tty?: boolean }, image: string, pod: KObject): boolean {
  if (spec.command?.length || spec.args?.length || spec.stdin || spec.tty) return false;
  if ((pod.metadata.annotations ?? {})[RUN_SECONDS_ANNOTATION] !== undefined) return false;
  return shellDefaultImage(image);
}

const KNOWN_PROGRAMS = new Set(USERLAND_PROGRAMS);
const SLEEP_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * How long a container whose whole program is one `sleep` runs (ms; Infinity for `sleep infinity`): argv
 * `sleep N[smhd]`, or a shell running `[exec] sleep N`. Undefined for anything else.
 */
export function sleepOnlyMs(spec: { command?: string[]; args?: string[] }): number | undefined {
  let argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  const bin = (x: string | undefined) => x?.split('/').pop();
  if (['sh', 'bash', 'ash'].includes(bin(argv[0]) ?? '') && /^-\w*c$/.test(argv[1] ?? '') && argv[2] !== undefined) {
    argv = argv[2].trim().replace(/^exec\s+/, '').split(/\s+/);
  }
  if (bin(argv[0]) !== 'sleep' || argv.length !== 2) return undefined;
  if (argv[1] === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(argv[1]!);
  return m ? Number(m[1]) * SLEEP_UNITS[m[2]!]! * 1000 : undefined;
}

/**
 * The executable a distroless / scratch image lacks: such images hold no shell or coreutils, so a command naming
 * one (sh, sleep, cat ...) cannot start; any other path is taken to be the image's own binary.
 */
function missingExecutable(spec: { command?: string[] }, image: string): string | undefined {
  const cmd = spec.command?.[0];
  if (!cmd || imageFlavour(image).os !== 'distroless') return undefined;
  const base = cmd.split('/').pop() ?? cmd;
  return KNOWN_PROGRAMS.has(base) ? cmd : undefined;
}

/** A shell image's command that the userland can run whole (userland/main-script.ts), sleeps aside (timed above). */
function userlandMain(spec: { command?: string[]; args?: string[] }, image: string, pod: KObject): boolean {
  if ((pod.metadata.annotations ?? {})[RUN_SECONDS_ANNOTATION] !== undefined || !shellDefaultImage(image)) return false;
  if (!spec.command?.length && !spec.args?.length) return false;
  return sleepOnlyMs(spec) === undefined && runsInUserland([...(spec.command ?? []), ...(spec.args ?? [])]);
}

/** How long a command that only echoes and sleeps runs (log-lines.ts scriptOf), else undefined. */
function finiteScript(spec: { command?: string[]; args?: string[] }): number | undefined {
  return scriptOf(spec.command, spec.args)?.exitAfterMs;
}

export function exit(h: ContainerHost, run: PodRun, c: CRun, exitCode: number, reason: string, message?: string): void {
  if (run.terminating || !c.current) return;
  const now = Date.now();
  c.current.endedMs = now;
  c.current.exitCode = exitCode;
  c.current.reason = reason;
  const terminated = {
    exitCode,
    reason,
    ...(message ? { message } : {}),
    // a container that never started reports the zero time, as the CRI does
    startedAt: reason === 'StartError' ? '1970-01-01T00:00:00Z' : iso(c.current.startedMs),
    finishedAt: iso(now),
    containerID: `containerd://${c.current.id}`,
  };
  c.ready = false;
  c.started = false;
  const rp = (run.pod as any).spec?.restartPolicy ?? 'Always';
  const restart = c.ephemeral
    ? false
    : c.init
    ? exitCode !== 0 && rp !== 'Never'
    : rp === 'Always' || (rp === 'OnFailure' && exitCode !== 0);
  if (!restart) {
    c.state = { terminated };
    c.done = true;
    h.onContainerStopped(run, c);
    h.sync(run);
    return;
  }
  h.onContainerStopped(run, c);
  // the crashed instance is what `logs --previous` shows from now on
  c.previous = c.current;
  c.lastState = { terminated };
  c.restartCount++;
  const backoff = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** c.crashes++);
  const pod = `${run.name}_${run.ns}(${run.uid})`;
  c.state = {
    waiting: { reason: 'CrashLoopBackOff', message: `back-off ${Math.round(backoff / 1000)}s restarting failed container=${c.name} pod=${pod}` },
  };
  h.event(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod}`);
  h.sync(run);
  h.after(run, backoff, () => startContainer(h, run, c));
}
