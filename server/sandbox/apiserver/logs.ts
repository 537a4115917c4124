/**
 * pods/log: text/plain, chunked when following. Container choice and error messages follow the
 * real API server (kubectl prints them verbatim). A follow respects the client's TCP flow control
 * (followWithBackpressure below).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLine, LogProvider, LogReadOptions } from '../types';
import { ResumeCursor } from '../../../lib/k8s/machinery/log-resume-cursor';
import { badRequest } from './errors';
import { boolParam } from './http-util';
import type { ServerDeps } from './server';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Process-wide follow counters (tests prove the pause with them). */
export const followStats = { linesWritten: 0, pauses: 0, waitingForDrain: 0 };

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  if (n < 0 && name !== 'tailLines') throw badRequest(`${name}: Invalid value: ${n}: must be greater than 0`);
  return n;
}

function notReadyMessage(pod: Any, container: string, previous: boolean): string {
  const name = pod.metadata.name;
  if (previous) return `previous terminated container "${container}" in pod "${name}" not found`;
  const statuses = [...((pod.status?.containerStatuses ?? []) as Any[]), ...((pod.status?.initContainerStatuses ?? []) as Any[])];
  const st = statuses.find((s) => s.name === container);
  const reason = st?.state?.waiting?.reason ?? 'ContainerCreating';
  // upstream kubelet validateContainerLogStatus words the two image-pull reasons
  const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
  return `container "${container}" in pod "${name}" is waiting to start: ${why}`;
}

export function handleLog(deps: ServerDeps, ns: string, name: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
  const podKind = deps.api.kinds.lookup('', 'v1', 'pods')!;
  const pod = deps.api.get(podKind, ns, name) as Any;
  const containers = ((pod.spec?.containers ?? []) as Any[]).map((c) => c.name as string);
  const inits = ((pod.spec?.initContainers ?? []) as Any[]).map((c) => c.name as string);
  const ephemeral = ((pod.spec?.ephemeralContainers ?? []) as Any[]).map((c) => c.name as string);
  let container = url.searchParams.get('container') ?? '';
  if (!container) {
    if (containers.length === 1) container = containers[0];
    else {
      let msg = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
      if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
      if (ephemeral.length) msg += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
      throw badRequest(msg);
    }
  } else if (![...containers, ...inits, ...ephemeral].includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  }
  const sinceSeconds = intParam(url, 'sinceSeconds');
  const sinceTime = url.searchParams.get('sinceTime') ?? undefined;
  if (sinceSeconds !== undefined && sinceTime) throw badRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const opts: LogReadOptions = {
    container,
    previous: boolParam(url.searchParams.get('previous')) ?? false,
    tailLines: intParam(url, 'tailLines'),
    sinceSeconds,
    sinceTime,
    limitBytes: intParam(url, 'limitBytes'),
  };
  const timestamps = boolParam(url.searchParams.get('timestamps')) ?? false;
  const follow = boolParam(url.searchParams.get('follow')) ?? false;
  const provider = deps.logs;
  const lines = provider ? provider.read(ns, name, follow && !opts.previous ? { ...opts, tailLines: 0 } : opts) : [];
  if (!lines) throw badRequest(notReadyMessage(pod, container, !!opts.previous));
  let budget = opts.limitBytes ?? Infinity;
  // like the kubelet's LimitWriter: exactly limitBytes bytes, even mid-line or mid-character
  const fmt = (l: LogLine): Buffer => {
    const b = Buffer.from(`${timestamps ? `${l.ts} ` : ''}${l.text}${l.text.endsWith('\n') ? '' : '\n'}`);
    if (budget === Infinity) return b;
    const out = b.subarray(0, Math.max(0, Math.min(b.length, budget)));
    budget -= out.length;
    return out;
  };
  if (!follow || !provider || opts.previous) {
    const body = Buffer.concat(lines.map(fmt));
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  followWithBackpressure(provider, ns, name, opts, fmt, () => budget <= 0, res);
  void req;
}

/**
 * A follow honours the client's flow control like a kubelet reading a log file: when res.write() says the
 * socket buffer is full, the provider's follow is stopped and the last timestamp written remembered; on
 * 'drain' it restarts with sinceTime = that timestamp, and a ResumeCursor drops the lines already written.
 * So a client that stops reading costs this server one socket buffer, never a growing queue.
 */
function followWithBackpressure(
  provider: LogProvider,
  ns: string,
  name: string,
  opts: LogReadOptions,
  fmt: (l: LogLine) => Buffer,
  exhausted: () => boolean,
  res: ServerResponse,
): void {
  const cursor = new ResumeCursor();
  let done = false;
  let stop: (() => void) | undefined;
  const finish = () => {
    if (done) return;
    done = true;
    stop?.();
    res.end();
  };
  const start = (from: LogReadOptions) => {
    let active = true;
    const stopThis = provider.follow(
      ns,
      name,
      from,
      (l) => {
        if (done || !active || !cursor.accept(l.ts)) return;
        const ok = res.write(fmt(l));
        followStats.linesWritten++;
        if (exhausted()) return finish();
        if (ok) return;
        followStats.pauses++;
        followStats.waitingForDrain++;
        active = false;
        stopThis();
        const onClose = () => followStats.waitingForDrain--;
        res.once('close', onClose);
        res.once('drain', () => {
          res.off('close', onClose);
          followStats.waitingForDrain--;
          if (done) return;
          cursor.beginResume();
          // the raw timestamp is fixed-width RFC3339Nano; the provider floors it to its own precision
          start({ ...opts, tailLines: undefined, sinceSeconds: undefined, sinceTime: cursor.lastTs });
        });
      },
      finish,
    );
    stop = () => {
      active = false;
      stopThis();
    };
  };
  start(opts);
  res.on('close', () => {
    if (done) return;
    done = true;
    stop?.();
  });
}
