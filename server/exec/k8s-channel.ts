/**
 * The upstream half of a terminal: a WebSocket (HTTP/1.1 Upgrade, the `ws` package) to a pod's exec, attach or
 * portforward subresource, opened as the person (K8sClient.as(identity).upgradeOptions). Subprotocols are offered
 * newest first — v5.channel.k8s.io (adds the close-stdin signal) then v4.channel.k8s.io (JSON exit status on
 * channel 3) — and the server picks one. A refused upgrade (403, 404, 400 "container not running"…) becomes the
 * usual typed error from the Status body.
 */
import WebSocket from 'ws';
import type { IncomingMessage } from 'node:http';
import type { K8sClient } from '../k8s/client';
import { errorFromResponse, K8sApiError, unavailable } from '../k8s/errors';
import { SHELL_COMMAND, type TerminalTarget } from '../../lib/exec/protocol';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const V5 = 'v5.channel.k8s.io';
/** channel 255 on v5: [255, channel] closes that channel (stdin) */
export const CLOSE_CHANNEL = 255;
export const STATUS_CHANNEL = 3;
export const RESIZE_CHANNEL = 4;

const seg = encodeURIComponent;

/** The subresource path of an exec or attach with a TTY (stderr is merged into stdout by the TTY, like kubectl -it). */
export function execPath(t: TerminalTarget): string {
  const q = new URLSearchParams({ container: t.container, stdin: 'true', stdout: 'true', stderr: 'false', tty: 'true' });
  if (t.mode === 'exec') for (const c of t.command.length ? t.command : SHELL_COMMAND) q.append('command', c);
  return `/api/v1/namespaces/${seg(t.namespace)}/pods/${seg(t.pod)}/${t.mode}?${q.toString()}`;
}

export interface OpenOptions {
  protocols?: string[];
  handshakeTimeoutMs?: number;
}

/** Opens the upstream WebSocket; resolves once the upgrade is accepted (with the negotiated subprotocol). */
export async function openChannel(client: K8sClient, path: string, o: OpenOptions = {}): Promise<{ ws: WebSocket; protocol: string }> {
  const { url, options } = await client.upgradeOptions(path);
  const protocols = o.protocols ?? EXEC_PROTOCOLS;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      pfx: options.pfx,
      passphrase: options.passphrase,
      ...(options.servername ? { servername: options.servername } : {}),
      ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
      headers: options.headers as Record<string, string>,
      handshakeTimeout: o.handshakeTimeoutMs ?? 15_000,
      perMessageDeflate: false,
      // a terminal frame is small; 16 MiB bounds what one upstream frame can make us hold
      maxPayload: 16 * 1024 * 1024,
    });
    let settled = false;
    ws.once('open', () => {
      settled = true;
      resolve({ ws, protocol: ws.protocol });
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (chunks.length < 64) chunks.push(c);
      });
      res.on('end', () => {
        settled = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not a Status: the text is the message */
        }
        reject(errorFromResponse(client.cluster, res.statusCode ?? 502, body));
        ws.terminate();
      });
      res.on('error', () => undefined);
    });
    ws.once('error', (e: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      reject(unavailable(client.cluster, e.code ? `${e.code}: ${e.message}` : e.message));
    });
  });
}

export interface ExitStatus {
  code: number | null;
  reason?: string;
  message?: string;
  notFound?: boolean;
}

/** Channel 3's metav1.Status → exit code: Success is 0, NonZeroExitCode carries the code in its causes. */
export function exitFromStatus(raw: string): ExitStatus {
  let s: { status?: string; reason?: string; message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
  try {
    s = JSON.parse(raw);
  } catch {
    return { code: null, reason: 'InternalError', message: raw.slice(0, 1000) };
  }
  if (s.status === 'Success') return { code: 0 };
  const exitCause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = exitCause?.message !== undefined && /^\d+$/.test(exitCause.message) ? Number(exitCause.message) : null;
  const out: ExitStatus = { code, reason: s.reason, message: s.message };
  if (code === null && missingExecutable(s.message ?? '')) out.notFound = true;
  return out;
}

/**
 * The runtime's "no such executable" — a distroless container without `sh`. Neither the CRI nor the kubelet gives it
 * a reason of its own (it arrives as InternalError with runc's / containerd's text), so this one check reads the
 * message; everything else branches on reason and code.
 */
export function missingExecutable(message: string): boolean {
  return /executable file not found|no such file or directory|not found in \$PATH/i.test(message);
}

export function isK8sError(e: unknown): e is K8sApiError {
  return e instanceof K8sApiError;
}
