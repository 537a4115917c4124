'use client';
import { Search } from 'lucide-react';
import { setPaletteOpen } from './palette-store';

/** Opens the command palette: a search field look-alike on wide screens, an icon button on narrow ones. */
export function PaletteButton() {
  return (
    <button
      type="button"
      onClick={() => setPaletteOpen(true)}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex h-8 w-8 shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md border border-line bg-canvas text-sm text-fg-muted hover:border-accent/50 md:w-60 md:justify-start md:px-2.5"
    >
      <Search aria-hidden className="h-3.5 w-3.5" />
      <span className="sr-only flex-1 text-left md:not-sr-only">Search…</span>
      <kbd aria-hidden className="hidden rounded border border-line px-1 font-mono text-2xs md:inline">
        Ctrl K
      </kbd>
    </button>
  );
}
