'use client';
/**
 * The user's text is never lost: drafts live in sessionStorage (per browser tab, per cluster and object) and
 * survive a reload or a crash of the page. Written shortly after each change and on pagehide.
 */
import { useEffect, useRef } from 'react';

const PREFIX = 'wheelhouse.yaml.v1:';

export interface Draft<B = unknown> {
  text: string;
  /** what the edit started from (the 3-way merge base and the update precondition) */
  base?: B;
  showManaged?: boolean;
  /** why the draft exists when the user did not type it (e.g. a version loaded from the change history) */
  note?: string;
  savedAt: string;
}

export function draftKey(...parts: (string | undefined)[]): string {
  return PREFIX + parts.map((p) => p ?? '_').join('/');
}

export function readDraft<B>(key: string): Draft<B> | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Draft<B>;
    return typeof d?.text === 'string' ? d : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** Stores a draft the editor opens with (the change history's "Restore this version" hands its text over so). */
export function saveDraft(key: string, d: Omit<Draft, 'savedAt'>): void {
  write(key, d);
}

function write(key: string, d: Omit<Draft, 'savedAt'>): void {
  try {
    sessionStorage.setItem(key, JSON.stringify({ ...d, savedAt: new Date().toISOString() }));
  } catch {
    // quota exceeded (a 2 MiB text plus its base can pass it): the editor still holds the text
  }
}

/** Persists `draft` (or removes it when null) ~200 ms after it changes and at once when the page hides. */
export function useDraftPersistence(key: string, draft: Omit<Draft, 'savedAt'> | null): void {
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    const t = setTimeout(() => (latest.current ? write(key, latest.current) : clearDraft(key)), 200);
    return () => clearTimeout(t);
  }, [key, draft]);
  useEffect(() => {
    const flush = () => (latest.current ? write(key, latest.current) : undefined);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [key]);
}
