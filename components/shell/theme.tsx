'use client';
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
import { THEME_STORAGE_KEY } from './theme-script';


/*
 * The source of truth is the class on <html> (set by the init script), exposed as an external store:
 * no provider, no state copied in effects, and the server snapshot is null (it cannot know).
 */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function readStored(): Theme | null {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function apply(theme: Theme) {
  const el = document.documentElement;
  el.classList.toggle('dark', theme === 'dark');
  el.style.colorScheme = theme;
  notify();
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  const onSystem = () => {
    if (readStored() === null) apply(mq.matches ? 'dark' : 'light');
  };
  mq.addEventListener('change', onSystem);
  return () => {
    listeners.delete(cb);
    mq.removeEventListener('change', onSystem);
  };
}

const getTheme = (): Theme => (document.documentElement.classList.contains('dark') ? 'dark' : 'light');

export function toggleTheme() {
  const next: Theme = getTheme() === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  apply(next);
}

/** The current theme; null during server rendering and hydration. */
export function useTheme(): Theme | null {
  return useSyncExternalStore<Theme | null>(subscribe, getTheme, () => null);
}
