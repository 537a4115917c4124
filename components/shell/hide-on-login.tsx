'use client';
/**
 * The sign-in page shows no console shell: no sidebar or header, so nothing there asks the API (every /api call
 * would answer 401 before login) and no socket is opened.
 */
import type { ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { LOGIN_PATH } from '@/lib/auth-client';

export function HideOnLogin({ children }: { children: ReactNode }) {
  return usePathname() === LOGIN_PATH ? null : children;
}
