/** Helm release statuses → the UI's tones (pure). */
import type { Tone } from '@/components/ui/status';

export function helmStatusTone(status: string): Tone {
  if (status === 'deployed') return 'ok';
  if (status === 'failed') return 'error';
  if (status.startsWith('pending-') || status === 'uninstalling') return 'info';
  if (status === 'superseded' || status === 'uninstalled') return 'muted';
  return 'warn';
}
