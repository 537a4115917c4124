'use client';
import { useSyncExternalStore } from 'react';

/**
 * A page-wide open/closed flag shared by the controls that open something and the thing they open (the command
 * palette, the navigation drawer). Server render: closed.
 */
export function createOpenStore(): { set(next: boolean): void; useOpen(): boolean } {
  let open = false;
  const listeners = new Set<() => void>();
  const subscribe = (cb: () => void) => {
    listeners.add(cb);
    return () => void listeners.delete(cb);
  };
  return {
    set(next: boolean) {
      if (open === next) return;
      open = next;
      listeners.forEach((l) => l());
    },
    useOpen: () => useSyncExternalStore(subscribe, () => open, () => false),
  };
}
