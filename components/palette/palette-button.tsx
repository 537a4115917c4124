'use client';
import { Search } from 'lucide-react';
import { setPaletteOpen } from './palette-store';

export function PaletteButton() {
  return (
    <button
      type="button"
      onClick={() => setPaletteOpen(true)}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex h-8 w-60 items-center whitespace-nowrap gap-2 rounded-md border border-line bg-canvas px-2.5 text-sm text-fg-muted hover:border-accent/50"
    >
      <Search aria-hidden className="h-3.5 w-3.5" />
      <span className="flex-1 text-left">Search…</span>
      <kbd className="rounded border border-line px-1 font-mono text-2xs">Ctrl K</kbd>
    </button>
  );
}
