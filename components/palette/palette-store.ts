'use client';
import { createOpenStore } from '@/components/ui/open-store';

/* Open state of the one command palette, shared by the header button, the shortcut and the dialog. */
const store = createOpenStore();
export const setPaletteOpen = store.set;
export const usePaletteOpen = store.useOpen;
