/**
 * pods/exec and pods/attach over WebSocket, as a 1.32 kubelet behind a 1.32 API server serves them: the
 * requested channels plus error and resize, an empty message on the lowest writable channel once the stream is
 * up, stdout/stderr written with backpressure (a slow client pauses the process, memory stays bounded), stdin
 * paused while the process is not reading, the exit status on the error channel, then a normal close.
 * A closed connection ends an exec'd process and detaches an attach.
 */
import type { WebSocket } from 'ws';
import { StatusError } from '../errors';
import type { ExecExit, ExecOutput, ExecSession } from '../../types';
import type { ConnectHandler, UpgradeRequest } from './registry';
import { acceptWebSocket, isWebSocketUpgrade } from './websocket';
import { streamRequest } from './exec-options';
import { CLOSE, decodeFrame, encodeFrame, ERROR, framingOf, parseResize, REMOTECOMMAND_PROTOCOLS, RESIZE, STDERR, STDIN, STDOUT, type Framing } from './channels';
import { execStatus } from './exec-status';
import { serveSpdyRemoteCommand } from './spdy-remotecommand';

/** bytes queued on a WebSocket before a writer waits for the socket to drain */
export const WS_HIGH_WATER = 256 * 1024;
/** how long a process's output may wait for the client's streams (see serve) */
export const START_GRACE_MS = 250;

export const execHandler: ConnectHandler = { upgrade: (r) => serve(r, true), http: () => notUpgraded() };
export const attachHandler: ConnectHandler = { upgrade: (r) => serve(r, false), http: () => notUpgraded() };

function notUpgraded(): never {
  // what the kubelet's streaming server answers a request without an upgrade
  throw new StatusError(400, 'BadRequest', 'Upgrade request required');
}

async function serve(r: UpgradeRequest, exec: boolean): Promise<void> {
  const provider = r.deps.exec;
  if (!provider) throw new StatusError(503, 'ServiceUnavailable', 'no kubelet is running in this cluster');
  const opts = streamRequest(r.deps, r.rp.namespace ?? '', r.rp.name!, r.url, exec);
  if (!isWebSocketUpgrade(r)) return serveSpdyRemoteCommand(r, opts, exec);
  // validate the container before upgrading: a refusal is then an HTTP error kubectl prints
  const open = (io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession =>
    exec ? provider.exec(opts.pod.metadata.namespace!, opts.pod.metadata.name!, opts.command, opts, io) : provider.attach(opts.pod.metadata.namespace!, opts.pod.metadata.name!, opts, io);
  const ref: { ws?: WebSocket } = {};
  // the process starts with the container check, before the upgrade; its output waits for the stream
  let up: () => void = () => undefined;
  const ready = new Promise<void>((r) => (up = r));
  const outputs = { stdout: opts.stdout ? output(ready, () => ref.ws, STDOUT) : undefined, stderr: opts.stderr ? output(ready, () => ref.ws, STDERR) : undefined };
  const session = open(outputs);
  let accepted: { ws: WebSocket; protocol: string };
  try {
    accepted = await acceptWebSocket(r, REMOTECOMMAND_PROTOCOLS);
  } catch (e) {
    session.close();
    up();
    throw e;
  }
  const ws = accepted.ws;
  ref.ws = ws;
  const f = framingOf(accepted.protocol);
  framings.set(ws, f);
  const first = opts.stdout ? STDOUT : opts.stderr ? STDERR : ERROR;
  ws.send(encodeFrame(f, first, Buffer.alloc(0)));
  stats.sessions++;
  ws.once('close', () => stats.sessions--);
  // kubectl's WebSocket client creates its streams after the upgrade, in another goroutine, and drops frames
  // of streams it has not created yet ("Unknown stream id"). A runtime's exec takes a while before the process
  // writes anything; here a process that fails at once (not found, no shell) would beat the client's streams
  // on a busy machine and its status would be lost. Output and the exit status wait for the client's first
  // frame (a terminal's size, stdin) or START_GRACE_MS.
  const grace = setTimeout(up, START_GRACE_MS);
  ws.once('message', () => {
    clearTimeout(grace);
    up();
  });
  ws.once('close', () => {
    clearTimeout(grace);
    up();
  });
  let closed = false;
  ws.on('message', (msg: Buffer, isBinary: boolean) => {
    const fr = decodeFrame(f, msg, isBinary);
    if (!fr) return;
    if (fr.channel === STDIN && opts.stdin) {
      const p = session.input(fr.data);
      // hold further frames (stdin and resize stay in order) until the process took this one
      ws.pause();
      void p.finally(() => ws.resume());
    } else if (fr.channel === RESIZE && opts.tty) {
      for (const s of parseResize(fr.data)) session.resize(s.width, s.height);
    } else if (f.close && fr.channel === CLOSE && fr.data.length === 1 && fr.data[0] === STDIN) {
      session.endInput();
    }
  });
  ws.on('close', () => {
    closed = true;
    session.close();
  });
  ws.on('error', () => ws.terminate());
  const exit = await session.done;
  await ready;
  if (closed) return;
  await writeExit(ws, f, exit, exec ? opts.command : undefined);
  ws.close(1000);
}

const framings = new WeakMap<WebSocket, Framing>();

const stats = { sessions: 0, waitingWrites: 0, maxBufferedAtWrite: 0 };
/** Counters for tests of the memory bound: open sessions, writers waiting for a drain, the most ever queued. */
export function streamStats(): Readonly<typeof stats> {
  return { ...stats };
}

function output(ready: Promise<void>, get: () => WebSocket | undefined, channel: number): ExecOutput {
  return {
    async write(chunk: Buffer): Promise<void> {
      await ready;
      const ws = get();
      if (!ws || ws.readyState !== ws.OPEN || chunk.length === 0) return;
      const f = framings.get(ws)!;
      stats.maxBufferedAtWrite = Math.max(stats.maxBufferedAtWrite, ws.bufferedAmount);
      if (ws.bufferedAmount < WS_HIGH_WATER) {
        ws.send(encodeFrame(f, channel, chunk));
        return;
      }
      // over the mark: this frame goes out, and the writer waits until the socket took it
      stats.waitingWrites++;
      return new Promise<void>((resolve) => {
        let settled = false;
        const done = () => {
          if (settled) return;
          settled = true;
          stats.waitingWrites--;
          ws.off('close', done);
          resolve();
        };
        ws.once('close', done);
        ws.send(encodeFrame(f, channel, chunk), done);
      });
    },
  };
}

function writeExit(ws: WebSocket, f: Framing, exit: ExecExit, command: string[] | undefined): Promise<void> {
  const status = execStatus(exit, command);
  let payload: Buffer | undefined;
  if (f.statusJson) payload = Buffer.from(JSON.stringify(status));
  else if (status.status !== 'Success') payload = Buffer.from(status.message ?? '');
  if (!payload) return Promise.resolve();
  return new Promise((resolve) => ws.send(encodeFrame(f, ERROR, payload), () => resolve()));
}
