/**
 * LogProvider over the simulated containers. Nothing is stored: an instance's lines are derived from its
 * start/end time, rate and seed (see log-lines.ts). The window readable is the last MAX_LINES lines
 * (a rotation bound like the kubelet's container-log-max-size); follow polls on one shared timer.
 * follow(opts) delivers the lines read(opts) would return, then new ones (the apiserver follows with
 * tailLines=0 for "from now", or with sinceTime to resume after pausing for backpressure); a stop() during a
 * poll takes effect before the next line, so a consumer that pauses is not handed lines it must drop.
 */
import type { LogLine, LogProvider, LogReadOptions } from '../types';
import { fnv32a } from '../controllers/lib/hash';
import type { Kubelets } from './kubelet';
import { expandDate, exitLines, flavourOf, logLine, scriptOf, type Script } from './log-lines';
import type { ContainerInstance } from './pod-status';
import type { CapturedOutput } from './captured-output';

export const LOG_RATE_ANNOTATION = 'sandbox.wheelhouse.dev/log-rate';
export const MAX_LINES = 50_000;
const POLL_MS = 200;

interface ContainerSpec {
  name: string;
  command?: string[];
  args?: string[];
}

interface Source {
  inst: ContainerInstance;
  rate: number;
  seed: number;
  flavour: ReturnType<typeof flavourOf>;
  /** echo output of the container's command, which replaces the image's simulated lines */
  script?: Script;
  /** what the program printed when the userland ran it: replaces both */
  captured?: CapturedOutput;
}

/** Time of script line i: the one-off echoes at start, then one loop round per sleep period. */
function scriptTs(start: number, sc: Script, i: number): number {
  const n = sc.once.length;
  if (i < n || !sc.loop) return start + i * 0.001;
  const k = i - n;
  const len = sc.loop.lines.length;
  return start + Math.floor(k / len) * sc.loop.periodMs + (n + (k % len)) * 0.001;
}

const tsOf = (s: Source, i: number) =>
  s.captured
    ? (s.captured.lines[i - s.captured.dropped]?.ms ?? s.inst.startedMs)
    : s.script ? scriptTs(s.inst.startedMs, s.script, i) : s.inst.startedMs + (i + 0.5 * ((fnv32a(`${s.seed}/${i}`) % 1000) / 1000)) * (1000 / s.rate);

/** Regular lines written by time t (ms). */
function countAt(s: Source, t: number): number {
  const end = s.inst.endedMs !== undefined ? Math.min(t, s.inst.endedMs) : t;
  if (s.captured) return s.captured.dropped + s.captured.lines.length;
  if (s.script) {
    if (end < s.inst.startedMs) return 0;
    const loop = s.script.loop;
    return s.script.once.length + (loop ? (Math.floor((end - s.inst.startedMs) / loop.periodMs) + 1) * loop.lines.length : 0);
  }
  return Math.max(0, Math.floor(((end - s.inst.startedMs) * s.rate) / 1000));
}

function tail(s: Source): string[] {
  if (s.inst.endedMs === undefined || s.captured || (s.script && (s.inst.exitCode ?? 0) === 0)) return [];
  return exitLines(s.flavour, s.inst.exitCode ?? 0, s.inst.reason);
}

function scriptLine(sc: Script, i: number): string {
  const n = sc.once.length;
  return i < n ? sc.once[i]! : sc.loop!.lines[(i - n) % sc.loop!.lines.length]!;
}

function lineAt(s: Source, i: number, regular: number): LogLine {
  // exit lines carry the end time itself: every regular line's timestamp is below it, so timestamps never go back
  const ms = i < regular ? tsOf(s, i) : (s.inst.endedMs ?? Date.now());
  if (s.captured) return { ts: nanoIso(ms, i), text: s.captured.lines[i - s.captured.dropped]?.text ?? '' };
  const text = i >= regular ? tail(s)[i - regular]! : s.script ? expandDate(scriptLine(s.script, i), ms) : logLine(s.flavour, s.seed, i, ms);
  return { ts: nanoIso(ms, i), text };
}

/** RFC3339Nano like the kubelet writes; sub-ms digits derived from the index keep order stable. */
function nanoIso(ms: number, i: number): string {
  const base = new Date(Math.floor(ms)).toISOString(); // ...sss Z
  const frac = String(Math.min(999_999, Math.floor((ms % 1) * 1e3) * 1000 + (i % 1000))).padStart(6, '0');
  return `${base.slice(0, -1)}${frac}Z`;
}

export function createLogProvider(kubelets: Kubelets, defaultRate = 1): LogProvider {
  const followers = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;

  function source(ns: string, pod: string, opts: LogReadOptions): { src: Source; running: () => boolean } | undefined {
    const run = kubelets.runFor(ns, pod);
    if (!run) return undefined;
    const c = [...run.app, ...run.init, ...(run.ephemeral ?? [])].find((x) => x.name === opts.container) ?? (opts.container ? undefined : run.app[0]);
    if (!c) return undefined;
    const inst = opts.previous ? c.previous : c.current;
    if (!inst || (opts.previous && inst === c.current && inst.endedMs === undefined)) return undefined;
    const rate = Math.max(0.001, Number(run.pod.metadata.annotations?.[LOG_RATE_ANNOTATION] ?? defaultRate) || defaultRate);
    const seed = fnv32a(inst.id);
    const spec = run.pod.spec as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[] } | undefined;
    const cs = [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].find((x) => x.name === c.name);
    const script = inst.output ? undefined : scriptOf(cs?.command, cs?.args);
    return {
      src: { inst, rate, seed, flavour: flavourOf(inst.image, seed), ...(script ? { script } : {}), ...(inst.output ? { captured: inst.output } : {}) },
      running: () => inst.endedMs === undefined && kubelets.runFor(ns, pod) === run,
    };
  }

  /** First index to return for the options (rotation window, since, tail), and the count now. */
  function window(s: Source, opts: LogReadOptions, now: number): { from: number; total: number; regular: number } {
    const regular = countAt(s, now);
    const total = regular + tail(s).length;
    let from = Math.max(0, total - MAX_LINES);
    const sinceMs = opts.sinceTime ? Date.parse(opts.sinceTime) : opts.sinceSeconds !== undefined ? now - opts.sinceSeconds * 1000 : undefined;
    if (sinceMs !== undefined && !Number.isNaN(sinceMs)) {
      let i = s.script || s.captured ? (s.captured?.dropped ?? 0) : Math.max(0, Math.floor(((sinceMs - s.inst.startedMs) * s.rate) / 1000) - 1);
      while (i < regular && tsOf(s, i) < sinceMs) i++;
      from = Math.max(from, Math.min(i, regular));
      if (s.inst.endedMs !== undefined && s.inst.endedMs < sinceMs) from = total;
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0) from = Math.max(from, total - opts.tailLines);
    return { from, total, regular };
  }

  function collect(s: Source, from: number, to: number, regular: number, limitBytes?: number): LogLine[] {
    const out: LogLine[] = [];
    let bytes = 0;
    for (let i = from; i < to; i++) {
      if (limitBytes !== undefined && bytes >= limitBytes) break;
      const l = lineAt(s, i, regular);
      // the line that crosses the limit is kept: the API server cuts it at exactly limitBytes
      bytes += Buffer.byteLength(l.text) + 1;
      out.push(l);
    }
    return out;
  }

  function tick() {
    for (const f of [...followers]) f();
    if (followers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  return {
    read(ns, pod, opts) {
      const found = source(ns, pod, opts);
      if (!found) return undefined;
      const { from, total, regular } = window(found.src, opts, Date.now());
      return collect(found.src, from, total, regular, opts.limitBytes);
    },
    follow(ns, pod, opts, onLine, onEnd) {
      const found = source(ns, pod, opts);
      if (!found) {
        setImmediate(onEnd);
        return () => {};
      }
      const { src, running } = found;
      let { from: next } = window(src, opts, Date.now());
      let done = false;
      const poll = () => {
        if (done) return;
        const alive = running();
        const regular = countAt(src, Date.now());
        const total = regular + tail(src).length;
        // the rotation bound applies to a consumer that fell behind, as it would to a real kubelet's file
        next = Math.max(next, total - MAX_LINES);
        while (next < total) {
          onLine(lineAt(src, next, regular));
          next++;
          if (done) return;
        }
        if (!alive || opts.previous) {
          done = true;
          followers.delete(poll);
          onEnd();
        }
      };
      followers.add(poll);
      setImmediate(poll); // what read(opts) would return goes out now, not at the next tick
      if (!timer) {
        timer = setInterval(tick, POLL_MS);
        timer.unref?.();
      }
      return () => {
        done = true;
        followers.delete(poll);
      };
    },
  };
}
