'use client';
import { StatusDot } from '@/components/ui/status-dot';
import type { Tone } from '@/components/ui/status';
import { useConnectionState } from '@/lib/realtime/use-watch';

const tone: Record<string, Tone> = { live: 'ok', reconnecting: 'warn', offline: 'error' };

/** The browser ↔ BFF live connection: live / reconnecting / offline. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  return (
    <div
      role="status"
      aria-label="Connection"
      className="flex items-center gap-1.5 rounded-full border border-line px-2 py-0.5 text-xs text-fg-muted sm:px-2.5"
    >
      <StatusDot tone={tone[state] ?? 'muted'} pulse={state === 'reconnecting'} />
      {/* the word stays readable (sr-only) on phones, where only the dot is drawn */}
      <span className="sr-only sm:not-sr-only">{state}</span>
    </div>
  );
}
