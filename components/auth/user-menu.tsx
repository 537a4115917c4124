'use client';
/**
 * The header's session control. `local` mode: a button named by the username opening a small panel with the
 * user's groups, "Audit log" for console admins, "Sign out" and "Sign out everywhere" (every session of this user,
 * in every browser). `none` mode: a persistent badge saying that
 * authentication is off, so nobody mistakes a loopback console for a protected one. Also the place that sends a
 * signed-out browser to /login (useRequiredSession) — the header is on every console page.
 */
import Link from 'next/link';
import { useCallback, useId, useRef, useState } from 'react';
import { ShieldOff, UserRound } from 'lucide-react';
import { toast } from 'sonner';
import { apiFetch, errorMessage, toApiError } from '@/lib/api-client';
import { apiUrls } from '@/lib/k8s/client';
import { LOGIN_PATH, forgetSession } from '@/lib/auth-client';
import type { SessionUser } from '@/lib/auth-types';
import { Button } from '@/components/ui/button';
import { useDismiss } from '@/components/ui/use-dismiss';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useRequiredSession } from './use-session';

export const AUDIT_PATH = '/audit';

async function signOut(everywhere = false): Promise<void> {
  try {
    const res = await apiFetch(everywhere ? apiUrls.logoutEverywhere() : apiUrls.logout(), { method: 'POST' });
    // 401: the session had already ended; either way this browser is signed out now
    if (!res.ok && res.status !== 401) throw await toApiError(res);
  } catch (err) {
    toast.error(everywhere ? 'Could not sign out everywhere' : 'Could not sign out', { description: errorMessage(err) });
    return;
  }
  forgetSession();
  window.location.assign(LOGIN_PATH);
}

function Menu({ user, canSignOut }: { user: SessionUser; canSignOut: boolean }) {
  const [open, setOpen] = useState(false);
  const panel = useId();
  const root = useRef<HTMLDivElement>(null);

  useDismiss(open, useCallback(() => setOpen(false), []), root);

  return (
    <div ref={root} className="relative">
      <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={panel} onClick={() => setOpen((o) => !o)}>
        <UserRound aria-hidden className="h-4 w-4" />
        {/* the name stays the button's accessible name on phones, where only the icon is drawn */}
        <span className="sr-only sm:not-sr-only">{user.username}</span>
      </Button>
      {open && (
        <div id={panel} role="group" aria-label="Account" className="absolute right-0 z-40 mt-1 w-72 max-w-[calc(100vw-1rem)] rounded-card border border-line bg-surface p-3 text-sm shadow-lg">
          <p className="text-fg-muted">
            Signed in as <span className="font-medium break-all text-fg">{user.username}</span>
            {user.kind === 'token' && ' (Kubernetes token)'}
          </p>
          <h2 className="mt-2 text-2xs font-semibold tracking-wide text-fg-muted uppercase">Groups</h2>
          {user.groups.length ? (
            <ul aria-label="Groups" className="mt-1 space-y-0.5 font-mono text-xs">
              {user.groups.map((g) => (
                <li key={g} className="break-all">
                  {g}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-xs text-fg-muted">none</p>
          )}
          <div className="mt-3 flex items-center gap-2 border-t border-line pt-3">
            <Link href="/port-forwards" onClick={() => setOpen(false)} className="text-accent hover:underline">
              Port forwards
            </Link>
            {user.admin && (
              <Link href={AUDIT_PATH} onClick={() => setOpen(false)} className="text-accent hover:underline">
                Audit log
              </Link>
            )}
            {canSignOut && (
              <Button size="sm" className="ml-auto" onClick={() => void signOut()}>
                Sign out
              </Button>
            )}
          </div>
          {canSignOut && (
            <div className="mt-2 flex justify-end">
              <Button size="sm" variant="ghost" aria-description="ends every session of this user, in every browser" onClick={() => void signOut(true)}>
                Sign out everywhere
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function UserMenu() {
  const q = useRequiredSession();
  const hydrated = useHydrated();
  const s = hydrated ? q.data : undefined;
  if (!s) return null;
  return (
    <div className="flex items-center gap-2">
      {s.authMode === 'none' && (
        <p role="note" className="flex items-center gap-1.5 rounded-md border border-warn/50 bg-warn/10 px-2 py-0.5 text-2xs leading-tight font-medium text-warn">
          <ShieldOff aria-hidden className="h-3.5 w-3.5 shrink-0" />
          {/* two short lines: the header is full at 1280 px */}
          <span>
            Authentication is off <span className="block">(single local user)</span>
          </span>
        </p>
      )}
      {s.authenticated && <Menu user={s.user} canSignOut={s.authMode === 'local'} />}
    </div>
  );
}
