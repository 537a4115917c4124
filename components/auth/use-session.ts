'use client';
/**
 * The current session as a TanStack query (GET /api/auth/session), mirrored into lib/auth-client's module store by
 * loadSession so mutating requests find the CSRF token. A session that is gone while the console is open sends
 * the browser to /login (see lib/auth-client handleUnauthorized; a no-op on /login itself).
 */
import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { handleUnauthorized, loadSession } from '@/lib/auth-client';

export const sessionKey = ['auth', 'session'] as const;

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: loadSession, staleTime: 60_000, retry: 1 });
}

/** useSession, plus the redirect to /login when the server says there is no session in `local` mode. */
export function useRequiredSession() {
  const q = useSession();
  const signedOut = q.data?.authenticated === false && q.data.authMode === 'local';
  useEffect(() => {
    if (signedOut) handleUnauthorized();
  }, [signedOut]);
  return q;
}
