/**
 * Status text → tone, so every status colours the same way everywhere (the tones match components/ui/status.ts).
 * Keyed on the words kubectl prints, not on message text.
 */
export type StatusTone = 'ok' | 'warn' | 'error' | 'info' | 'muted';

const ok = new Set(['Running', 'Ready', 'Active', 'Bound', 'Complete', 'Completed', 'Succeeded', 'Available', 'Normal', 'True', 'Established']);
const info = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'Terminating', 'Released', 'Suspended', 'SchedulingGated', 'Progressing']);
const muted = new Set(['', 'Unknown', '<none>', 'False']);

export function statusTone(value: unknown): StatusTone {
  if (typeof value === 'boolean') return value ? 'ok' : 'muted';
  const s = String(value ?? '');
  const first = s.split(',')[0];
  if (s.includes('SchedulingDisabled')) return first === 'Ready' ? 'warn' : 'error';
  if (ok.has(first)) return 'ok';
  if (info.has(first) || first.startsWith('Init:') && /^Init:\d+\/\d+$/.test(first)) return 'info';
  if (muted.has(first)) return 'muted';
  if (first === 'Warning' || first === 'NotReady' || first === 'Lost') return 'warn';
  return 'error';
}
