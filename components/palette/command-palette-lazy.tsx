'use client';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { setPaletteOpen, usePaletteOpen } from './palette-store';

// cmdk and the search code load on first use, keeping them out of every page's initial JS.
const Palette = dynamic(() => import('./command-palette').then((m) => m.CommandPaletteDialog), { ssr: false });

export function CommandPalette() {
  const open = usePaletteOpen();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setLoaded(true);
        setPaletteOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!loaded && !open) return null;
  return <Palette />;
}
