/**
 * The remotecommand WebSocket framing (apimachinery wsstream + kubelet's remotecommand): one byte of channel
 * number before each binary message, or an ASCII digit before base64 text in the base64 variants.
 * Channels: 0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize; v5 adds 255 CLOSE (payload: the stream id) so a
 * client can half-close stdin. Before v4 the error channel carries the message text only (nothing on success);
 * v4 and v5 carry a metav1.Status.
 */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** Every protocol the kubelet (and, for v5, the 1.32 API server's stream translator) accepts, in no order. */
export const REMOTECOMMAND_PROTOCOLS = [
  'v5.channel.k8s.io',
  'v4.channel.k8s.io',
  'v4.base64.channel.k8s.io',
  'channel.k8s.io',
  'base64.channel.k8s.io',
  '',
] as const;

export interface Framing {
  base64: boolean;
  /** the error channel carries a Status (v4+) rather than bare text */
  statusJson: boolean;
  /** the CLOSE signal is understood (v5) */
  close: boolean;
}

export function framingOf(protocol: string): Framing {
  return {
    base64: protocol.includes('base64'),
    statusJson: protocol.startsWith('v4.') || protocol.startsWith('v5.'),
    close: protocol === 'v5.channel.k8s.io',
  };
}

export function encodeFrame(f: Framing, channel: number, data: Buffer): Buffer | string {
  if (f.base64) return String.fromCharCode(48 + channel) + data.toString('base64');
  const out = Buffer.allocUnsafe(data.length + 1);
  out[0] = channel;
  data.copy(out, 1);
  return out;
}

/** undefined for an empty message, which upstream skips */
export function decodeFrame(f: Framing, msg: Buffer, isBinary: boolean): { channel: number; data: Buffer } | undefined {
  if (msg.length === 0) return undefined;
  if (f.base64 || !isBinary) {
    if (f.base64) return { channel: msg[0] - 48, data: Buffer.from(msg.subarray(1).toString('latin1'), 'base64') };
  }
  return { channel: msg[0], data: msg.subarray(1) };
}

/** Terminal sizes from the resize channel: JSON TerminalSize objects, possibly several in one message. */
export function parseResize(data: Buffer): { width: number; height: number }[] {
  const out: { width: number; height: number }[] = [];
  const text = data.toString('utf8');
  for (const part of text.split(/(?<=\})\s*(?=\{)/)) {
    try {
      const o = JSON.parse(part) as { Width?: unknown; Height?: unknown };
      if (typeof o.Width === 'number' && typeof o.Height === 'number') out.push({ width: o.Width, height: o.Height });
    } catch {
      // upstream logs and ignores a malformed resize
    }
  }
  return out;
}
