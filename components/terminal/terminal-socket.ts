/**
 * The browser end of one terminal: its own WebSocket to /api/exec (lib/exec/protocol.ts), separate from the live
 * socket.io connection. Output is handed to the renderer with a `done` callback; rendered bytes are acknowledged to
 * the BFF every ACK_EVERY_BYTES, which is what lets the BFF pause the upstream when the browser falls behind, so a
 * `yes` never queues unbounded output in the tab.
 */
import { ACK_EVERY_BYTES, serverFrame, STDIN, type TerminalTargetInput, terminalPath } from '@/lib/exec/protocol';

export type TerminalState =
  | { phase: 'connecting' }
  | { phase: 'open'; protocol: string }
  | { phase: 'exited'; code: number | null; reason?: string; message?: string; notFound?: boolean }
  | { phase: 'error'; status: number; reason: string; message: string };

export interface TerminalHandlers {
  output(data: Uint8Array, done: () => void): void;
  state(s: TerminalState): void;
}

const encoder = new TextEncoder();

export class TerminalSocket {
  private ws: WebSocket;
  private rendered = 0;
  private lastAck = 0;
  private final = false;

  constructor(target: TerminalTargetInput, private readonly h: TerminalHandlers) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = new WebSocket(`${proto}//${location.host}${terminalPath(target)}`);
    this.ws.binaryType = 'arraybuffer';
    h.state({ phase: 'connecting' });
    this.ws.onmessage = (e) => this.onMessage(e);
    this.ws.onclose = (e) => {
      if (this.final) return;
      this.final = true;
      // no exit or error frame: the handshake was refused (signed out, origin) or the connection dropped
      h.state({
        phase: 'error',
        status: e.code >= 4000 && e.code < 5000 ? e.code - 4000 : 503,
        reason: 'ConnectionLost',
        message: e.code === 1006 ? 'The terminal connection was refused or dropped (signed out, or the console is unreachable).' : `The terminal connection closed (${e.code}${e.reason ? `: ${e.reason}` : ''}).`,
      });
    };
  }

  send(text: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const bytes = encoder.encode(text);
    const frame = new Uint8Array(bytes.length + 1);
    frame[0] = STDIN;
    frame.set(bytes, 1);
    this.ws.send(frame);
  }

  resize(cols: number, rows: number): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'resize', cols, rows }));
  }

  close(): void {
    this.final = true;
    this.ws.close(1000);
  }

  private onMessage(e: MessageEvent) {
    if (typeof e.data === 'string') {
      let parsed;
      try {
        parsed = serverFrame.safeParse(JSON.parse(e.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const f = parsed.data;
      if (f.t === 'open') this.h.state({ phase: 'open', protocol: f.protocol });
      else if (f.t === 'exit') {
        this.final = true;
        this.h.state({ phase: 'exited', code: f.code, reason: f.reason, message: f.message, notFound: f.notFound });
      } else {
        this.final = true;
        this.h.state({ phase: 'error', status: f.status, reason: f.reason, message: f.message });
      }
      return;
    }
    const buf = new Uint8Array(e.data as ArrayBuffer);
    if (buf.length < 2) return;
    const n = buf.length - 1;
    this.h.output(buf.subarray(1), () => {
      this.rendered += n;
      if (this.rendered - this.lastAck >= ACK_EVERY_BYTES && this.ws.readyState === WebSocket.OPEN) {
        this.lastAck = this.rendered;
        this.ws.send(JSON.stringify({ t: 'ack', n: this.rendered }));
      }
    });
  }
}
