import type { TerminalState } from './terminal-socket';

/** The status line under a terminal: connecting, connected, the exit code, or why it could not run. */
export function describeEnd(s: TerminalState): string {
  switch (s.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return `Connected (${s.protocol})`;
    case 'exited':
      if (s.notFound) {
        return `This container has no shell: sh was not found (a distroless or scratch image?). Run a command the image has, or use Debug to add a debug container with a shell. (${s.message ?? 'executable not found'})`;
      }
      if (s.code !== null) return `Process exited with code ${s.code}`;
      return `Session ended: ${s.message ?? s.reason ?? 'unknown reason'}`;
    case 'error':
      return `Could not open the terminal: ${s.message}`;
  }
}
