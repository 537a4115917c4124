'use client';
import { useSyncExternalStore } from 'react';

/* Open state of the navigation drawer (narrow screens), shared by the header's "Navigation" button and the drawer. */
let open = false;
const listeners = new Set<() => void>();

export function setNavDrawerOpen(next: boolean) {
  if (open === next) return;
  open = next;
  listeners.forEach((l) => l());
}

export function useNavDrawerOpen(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => open,
    () => false,
  );
}
