/**
 * The metav1.Status on the error channel, as the kubelet writes it (json.Marshal of the Status: no kind or
 * apiVersion): Success; Failure/NonZeroExitCode with an ExitCode cause; InternalError when the runtime could
 * not start the process (containerd's message, e.g. an executable that is not in $PATH).
 */
import type { ExecExit } from '../../types';

export interface WireStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason: string; message: string }[] };
  code?: number;
}

export function execStatus(exit: ExecExit, command: string[] | undefined): WireStatus {
  if ('error' in exit) {
    return {
      metadata: {},
      status: 'Failure',
      message: `Internal error occurred: error executing command in container: ${exit.error}`,
      reason: 'InternalError',
      details: { causes: [{ reason: '', message: `error executing command in container: ${exit.error}` }] },
      code: 500,
    };
  }
  if (exit.exitCode === 0) return { metadata: {}, status: 'Success' };
  const what = command ? `error executing command [${command.join(' ')}], exit code ${exit.exitCode}` : `exit code ${exit.exitCode}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${what}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exit.exitCode) }] },
  };
}
