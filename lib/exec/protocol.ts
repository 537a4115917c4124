/**
 * The terminal protocol between the browser and the BFF: ONE WebSocket per terminal at /api/exec (never the
 * socket.io connection of lists and logs, so a failed or hung exec cannot disturb them). The target is in the URL's
 * query string (validated on both sides); after the upgrade the frames are:
 *
 *   browser → BFF  binary [0, ...bytes]              stdin
 *   browser → BFF  text   {"t":"resize","cols","rows"} terminal size (sent upstream on channel 4)
 *   browser → BFF  text   {"t":"ack","n"}             bytes of output the terminal has rendered (flow control)
 *   BFF → browser  binary [1|2, ...bytes]            stdout / stderr
 *   BFF → browser  text   {"t":"open",...}            the upstream stream is up (protocol negotiated)
 *   BFF → browser  text   {"t":"exit",...}            the process ended: exit code, or the error that ended it
 *   BFF → browser  text   {"t":"error",...}           the session could not start (RBAC, limits, not found, …)
 *
 * Channels match Kubernetes' v4/v5.channel.k8s.io so bytes are relayed without re-framing.
 */
import { z } from 'zod';
import '../zod-browser';
import { clusterId, k8sName } from '../protocol';

export const EXEC_PATH = '/api/exec';

/** Output the browser may hold unrendered before the BFF stops reading upstream (bytes). */
export const ACK_EVERY_BYTES = 32 * 1024;

/** The shell command: ONE exec that runs bash when present, else sh (no probe, no retry). */
export const SHELL_COMMAND = ['sh', '-c', 'command -v bash >/dev/null 2>&1 && exec bash || exec sh'];

export const terminalTarget = z.object({
  cluster: clusterId,
  namespace: k8sName.max(63),
  pod: k8sName,
  container: k8sName.max(63),
  /** exec runs `command` (default: the shell); attach joins the container's main process */
  mode: z.enum(['exec', 'attach']).default('exec'),
  /** empty: the shell (SHELL_COMMAND) */
  command: z.array(z.string().min(1).max(4096)).max(64).default([]),
  cols: z.coerce.number().int().min(1).max(1000).default(80),
  rows: z.coerce.number().int().min(1).max(500).default(24),
});
export type TerminalTarget = z.infer<typeof terminalTarget>;
export type TerminalTargetInput = z.input<typeof terminalTarget>;

/** The path + query of a terminal's WebSocket. */
export function terminalPath(t: TerminalTargetInput): string {
  const q = new URLSearchParams({ cluster: t.cluster, namespace: t.namespace, pod: t.pod, container: t.container, mode: t.mode ?? 'exec' });
  for (const c of t.command ?? []) q.append('command', c);
  if (t.cols) q.set('cols', String(t.cols));
  if (t.rows) q.set('rows', String(t.rows));
  return `${EXEC_PATH}?${q.toString()}`;
}

export function parseTerminalQuery(q: URLSearchParams): z.ZodSafeParseResult<TerminalTarget> {
  const raw: Record<string, unknown> = {};
  for (const k of ['cluster', 'namespace', 'pod', 'container', 'mode', 'cols', 'rows']) {
    const v = q.get(k);
    if (v !== null) raw[k] = v;
  }
  raw.command = q.getAll('command');
  return terminalTarget.safeParse(raw);
}

export const clientFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('resize'), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(500) }),
  z.object({ t: z.literal('ack'), n: z.number().int().min(0).max(2 ** 40) }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

export const serverFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('open'), protocol: z.string(), session: z.string() }),
  z.object({
    t: z.literal('exit'),
    /** the process's exit code when the cluster reported one */
    code: z.number().int().nullable(),
    reason: z.string().optional(),
    message: z.string().optional(),
    /** the container has no shell / the command does not exist there */
    notFound: z.boolean().optional(),
  }),
  z.object({ t: z.literal('error'), status: z.number().int(), reason: z.string(), message: z.string() }),
]);
export type ServerFrame = z.infer<typeof serverFrame>;

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;

/** WebSocket close codes the BFF uses (4000 + HTTP status, like a Status code). */
export const closeCodeFor = (status: number) => 4000 + Math.min(999, Math.max(0, status));
