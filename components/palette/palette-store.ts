'use client';
import { useSyncExternalStore } from 'react';

/* Open state of the one command palette, shared by the header button, the shortcut and the dialog. */
let open = false;
const listeners = new Set<() => void>();

export function setPaletteOpen(next: boolean) {
  if (open === next) return;
  open = next;
  listeners.forEach((l) => l());
}

export function usePaletteOpen(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => open,
    () => false,
  );
}
