'use client';
import { useEffect, type RefObject } from 'react';

/**
 * Closes a popover (menu, folded actions, breadcrumb path) on Escape or a pointer press outside `root`. On Escape
 * focus goes back to `returnFocus` (the button that opened it), so keyboard users stay where they were.
 */
export function useDismiss(open: boolean, close: () => void, root: RefObject<HTMLElement | null>, returnFocus?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      returnFocus?.current?.focus();
    };
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open, close, root, returnFocus]);
}
