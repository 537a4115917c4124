/**
 * One terminal session: the browser's WebSocket ↔ the upstream exec/attach WebSocket. Frames are relayed as they
 * are (both sides use channel-prefixed binary frames), with bounded buffers both ways:
 * - output: the browser acknowledges the bytes it has rendered ({"t":"ack"}); when more than `highWater` bytes are
 *   unacknowledged, or the browser socket's own send buffer passes `highWater`, the upstream socket is paused
 *   (TCP backpressure reaches the API server and the process) until it falls under `lowWater`.
 * - input: when the upstream send buffer passes `highWater` the browser socket is paused.
 * Closing the browser side closes stdin (v5) and the upstream stream, which ends the process's TTY (SIGHUP).
 */
import type WebSocket from 'ws';
import { clientFrame, STDERR, STDIN, STDOUT, type ServerFrame } from '../../lib/exec/protocol';
import { CLOSE_CHANNEL, exitFromStatus, missingExecutable, RESIZE_CHANNEL, STATUS_CHANNEL, V5, type ExitStatus } from './k8s-channel';
import { keepAlive, type Scheduler } from './heartbeat';

export interface RelayOptions {
  protocol: string;
  session: string;
  scheduler: Scheduler;
  pingMs: number;
  highWaterBytes?: number;
  lowWaterBytes?: number;
  initialSize?: { cols: number; rows: number };
}

export interface RelayEnd extends ExitStatus {
  /** who ended it: the process (exit status), the browser (tab closed), or a dead/closed connection */
  endedBy: 'process' | 'browser' | 'upstream' | 'stopped';
}

export interface Relay {
  done: Promise<RelayEnd>;
  /** ends the session from the server side (console stopping, session revoked) */
  stop(message: string): void;
  stats(): RelayStats;
}

export interface RelayStats {
  /** output bytes sent to the browser, and acknowledged by it */
  sent: number;
  acked: number;
  upstreamPaused: boolean;
  browserPaused: boolean;
  /** bytes the BFF holds right now: not yet handed to the browser's / the cluster's TCP connection */
  browserBuffered: number;
  upstreamBuffered: number;
  /** the most ever seen, right after a frame was handed on: sent − acked, and the bytes either socket still held */
  peakUnacked: number;
  peakBrowserBuffered: number;
  peakUpstreamBuffered: number;
  /** the largest frame relayed in either direction (a bound may be exceeded by at most one frame) */
  largestFrame: number;
}

export function send(ws: WebSocket, f: ServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
}

const HEAD_BYTES = 1024;

/** The whole output was the runtime's "cannot exec" line and the code is 126/127: the command is not in the image. */
export function runtimeCouldNotStart(code: number | null, sent: number, head: string): boolean {
  return (code === 126 || code === 127) && sent <= HEAD_BYTES && /OCI runtime exec failed/.test(head) && missingExecutable(head);
}

export function relay(browser: WebSocket, upstream: WebSocket, o: RelayOptions): Relay {
  const high = o.highWaterBytes ?? 1024 * 1024;
  const low = o.lowWaterBytes ?? high / 4;
  let sent = 0;
  let acked = 0;
  const peak = { unacked: 0, browserBuffered: 0, upstreamBuffered: 0, frame: 0 };
  let exit: ExitStatus | undefined;
  // the first output bytes: a runtime that cannot start the command (CRI-O, Docker) says so there and exits 126/127
  let head = '';
  let ended = false;
  let resolveDone!: (e: RelayEnd) => void;
  const done = new Promise<RelayEnd>((r) => (resolveDone = r));

  const resize = (cols: number, rows: number) => {
    if (upstream.readyState !== upstream.OPEN) return;
    upstream.send(Buffer.concat([Buffer.from([RESIZE_CHANNEL]), Buffer.from(JSON.stringify({ Width: cols, Height: rows }))]));
  };
  if (o.initialSize) resize(o.initialSize.cols, o.initialSize.rows);
  send(browser, { t: 'open', protocol: o.protocol, session: o.session });

  // ---- output: upstream → browser ----
  const outputBlocked = () => sent - acked > high || browser.bufferedAmount > high;
  const maybeResumeUpstream = () => {
    if (upstream.isPaused && sent - acked <= low && browser.bufferedAmount <= low) upstream.resume();
  };
  upstream.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const ch = data[0];
    if (ch === STDOUT || ch === STDERR) {
      if (data.length === 1) return;
      if (head.length < HEAD_BYTES) head += data.subarray(1, 1 + HEAD_BYTES - head.length).toString('utf8');
      sent += data.length - 1;
      // the send callback fires once ws has handed the frame to the socket: a chance to resume
      browser.send(data, () => maybeResumeUpstream());
      peak.unacked = Math.max(peak.unacked, sent - acked);
      peak.browserBuffered = Math.max(peak.browserBuffered, browser.bufferedAmount);
      peak.frame = Math.max(peak.frame, data.length);
      if (outputBlocked() && !upstream.isPaused) upstream.pause();
    } else if (ch === STATUS_CHANNEL) {
      exit = exitFromStatus(data.subarray(1).toString('utf8'));
    }
  });

  // ---- input: browser → upstream ----
  const maybeResumeBrowser = () => {
    if (browser.isPaused && upstream.bufferedAmount <= low) browser.resume();
  };
  browser.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      if (data.length < 2 || data[0] !== STDIN || upstream.readyState !== upstream.OPEN) return;
      upstream.send(data, () => maybeResumeBrowser());
      peak.upstreamBuffered = Math.max(peak.upstreamBuffered, upstream.bufferedAmount);
      peak.frame = Math.max(peak.frame, data.length);
      if (upstream.bufferedAmount > high && !browser.isPaused) browser.pause();
      return;
    }
    let f;
    try {
      f = clientFrame.safeParse(JSON.parse(data.toString('utf8')));
    } catch {
      return;
    }
    if (!f.success) return;
    if (f.data.t === 'resize') resize(f.data.cols, f.data.rows);
    else if (f.data.n > acked && f.data.n <= sent) {
      acked = f.data.n;
      maybeResumeUpstream();
    }
  });

  const finish = (endedBy: RelayEnd['endedBy'], fallback?: ExitStatus) => {
    if (ended) return;
    ended = true;
    stopPings();
    const e: RelayEnd = { ...(exit ?? fallback ?? { code: null }), endedBy: exit ? 'process' : endedBy };
    if (exit && !e.notFound && runtimeCouldNotStart(e.code, sent, head)) {
      e.notFound = true;
      e.message = head.trim();
    }
    send(browser, { t: 'exit', code: e.code, reason: e.reason, message: e.message, notFound: e.notFound });
    if (browser.readyState === browser.OPEN) browser.close(1000, 'ended');
    closeUpstream();
    resolveDone(e);
  };

  const closeUpstream = () => {
    if (upstream.readyState === upstream.OPEN) {
      // v5: say stdin is closed first, so a process reading stdin sees EOF even if the TTY hang-up is not delivered
      if (upstream.protocol === V5) upstream.send(Buffer.from([CLOSE_CHANNEL, STDIN]));
      upstream.close(1000);
      // a server that never answers the close handshake must not keep the socket
      setTimeout(() => upstream.terminate(), 5_000).unref();
    } else if (upstream.readyState === upstream.CONNECTING) upstream.terminate();
  };

  upstream.on('close', () => finish('upstream', { code: null, reason: 'ServiceUnavailable', message: 'the connection to the cluster closed' }));
  upstream.on('error', () => undefined);
  browser.on('close', () => finish('browser', { code: null, message: 'terminal closed' }));
  browser.on('error', () => undefined);

  const stopPings = keepAlive([browser, upstream], o.pingMs, o.scheduler, (ws) =>
    finish(ws === browser ? 'browser' : 'upstream', { code: null, reason: 'Timeout', message: ws === browser ? 'the browser stopped answering' : 'the cluster stopped answering' }),
  );

  return {
    done,
    stop(message) {
      finish('stopped', { code: null, reason: 'ServiceUnavailable', message });
    },
    stats: () => ({
      sent,
      acked,
      upstreamPaused: upstream.isPaused,
      browserPaused: browser.isPaused,
      browserBuffered: browser.bufferedAmount,
      upstreamBuffered: upstream.bufferedAmount,
      peakUnacked: peak.unacked,
      peakBrowserBuffered: peak.browserBuffered,
      peakUpstreamBuffered: peak.upstreamBuffered,
      largestFrame: peak.frame,
    }),
  };
}
