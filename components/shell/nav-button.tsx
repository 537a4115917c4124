'use client';
import { Menu } from 'lucide-react';
import { setNavDrawerOpen, useNavDrawerOpen } from './nav-drawer-store';
import { NAV_BUTTON_ID } from './sidebar-drawer';

/** Opens the navigation drawer; only shown below 1,024 px, where the sidebar is folded away. */
export function NavButton() {
  const open = useNavDrawerOpen();
  return (
    <button
      id={NAV_BUTTON_ID}
      type="button"
      aria-label="Navigation"
      aria-expanded={open}
      aria-controls="wh-sidebar"
      onClick={() => setNavDrawerOpen(!open)}
      className="-ml-1 flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-fg hover:bg-surface-2 lg:hidden"
    >
      <Menu aria-hidden className="h-5 w-5" />
    </button>
  );
}
