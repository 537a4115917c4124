'use client';
/**
 * The sidebar's frame. At 1,024 px and wider it is a static column; below that it is a drawer opened by the
 * header's "Navigation" button: a modal dialog over the page that closes on navigation, on Escape and on a
 * click outside, and hands focus back to the button that opened it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { X } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { setNavDrawerOpen, useNavDrawerOpen } from './nav-drawer-store';

export const NAV_BUTTON_ID = 'wh-nav-button';

export function SidebarDrawer({ children }: { children: ReactNode }) {
  const open = useNavDrawerOpen();
  const pathname = usePathname();
  const panel = useRef<HTMLElement>(null);

  // navigation closes the drawer (a link to the same path with another query closes it through onClick below)
  useEffect(() => setNavDrawerOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const opener = document.getElementById(NAV_BUTTON_ID);
    const drawer = panel.current;
    const first = drawer?.querySelector<HTMLElement>('a[href], button, select, input');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setNavDrawerOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // focus goes back where it was when the drawer closes (unless navigation moved it already)
      if (opener && (document.activeElement === document.body || drawer?.contains(document.activeElement))) opener.focus();
    };
  }, [open]);

  return (
    <>
      {open && <div aria-hidden className="fixed inset-0 z-40 bg-black/40 lg:hidden" onClick={() => setNavDrawerOpen(false)} />}
      <aside
        ref={panel}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('a[href]')) setNavDrawerOpen(false);
        }}
        id="wh-sidebar"
        aria-label={open ? 'Navigation' : undefined}
        role={open ? 'dialog' : undefined}
        aria-modal={open ? true : undefined}
        className={cn(
          'w-sidebar shrink-0 flex-col border-r border-line bg-surface lg:static lg:flex lg:shadow-none',
          open ? 'fixed inset-y-0 left-0 z-50 flex max-w-[85vw] shadow-xl' : 'hidden',
        )}
      >
        {open && (
          <button
            type="button"
            aria-label="Close navigation"
            onClick={() => setNavDrawerOpen(false)}
            className="absolute top-3 right-2 flex h-8 w-8 items-center justify-center rounded-md text-fg-muted hover:bg-surface-2 lg:hidden"
          >
            <X aria-hidden className="h-4 w-4" />
          </button>
        )}
        {children}
      </aside>
    </>
  );
}
