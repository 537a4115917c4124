/** The one status vocabulary of the UI: every status colour comes from here. */
export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'muted';

export const toneText: Record<Tone, string> = {
  ok: 'text-ok',
  warn: 'text-warn',
  error: 'text-error',
  info: 'text-info',
  muted: 'text-muted',
};
export const toneBg: Record<Tone, string> = {
  ok: 'bg-ok',
  warn: 'bg-warn',
  error: 'bg-error',
  info: 'bg-info',
  muted: 'bg-muted',
};
export const toneSoft: Record<Tone, string> = {
  ok: 'bg-ok/12 text-ok border-ok/30',
  warn: 'bg-warn/12 text-warn border-warn/30',
  error: 'bg-error/12 text-error border-error/30',
  info: 'bg-info/12 text-info border-info/30',
  muted: 'bg-muted/12 text-muted border-muted/30',
};
