'use client';
/**
 * The sign-in page: username + password (users file), or a pasted Kubernetes bearer token (the console then acts
 * with that token). The server's error is shown verbatim (wrong password, 429 with its retry hint). Afterwards the
 * browser goes back to `?next=` — only a same-origin relative path (lib/auth-client safeNext) — with a full load,
 * so the console starts with a clean query cache and a socket that carries the new session cookie.
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Ship } from 'lucide-react';
import { fetchJson, errorMessage } from '@/lib/api-client';
import { apiUrls } from '@/lib/k8s/client';
import { safeNext, setSession } from '@/lib/auth-client';
import { authSession } from '@/lib/auth-types';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useSession } from './use-session';

type Method = 'password' | 'token';

const inputClass = 'w-full rounded-md border border-line bg-surface px-2.5 py-1.5 text-sm focus:outline-2 focus:outline-accent';

export function LoginForm() {
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('reason') === 'expired';
  const session = useSession();
  const [method, setMethod] = useState<Method>('password');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  // already signed in (another tab, or the back button): nothing to do here
  const signedIn = session.data?.authenticated === true;
  useEffect(() => {
    if (signedIn) window.location.replace(next);
  }, [signedIn, next]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body =
      method === 'password'
        ? { url: apiUrls.login(), json: { username: String(form.get('username') ?? '').trim(), password: String(form.get('password') ?? '') } }
        : { url: apiUrls.tokenLogin(), json: { token: String(form.get('token') ?? '').trim() } };
    setBusy(true);
    setError(null);
    try {
      const s = await fetchJson(body.url, { method: 'POST', body: JSON.stringify(body.json), schema: authSession });
      setSession(s);
      window.location.assign(next);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  if (session.data?.authMode === 'none') {
    return (
      <Panel>
        <p className="text-sm">Authentication is off (single local user): this console does not need a sign-in.</p>
        <Link href={next} className="mt-3 inline-block text-accent hover:underline">
          Open the console
        </Link>
      </Panel>
    );
  }

  const tab = (m: Method, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-tab-${m}`}
      aria-selected={method === m}
      tabIndex={method === m ? 0 : -1}
      aria-controls={`${id}-panel`}
      onClick={() => {
        setMethod(m);
        setError(null);
      }}
      className={cn('flex-1 border-b-2 px-2 py-1.5 text-sm', method === m ? 'border-accent font-medium text-accent' : 'border-transparent text-fg-muted hover:text-fg')}
    >
      {label}
    </button>
  );

  return (
    <Panel>
      {expired && (
        <p role="status" className="mb-3 rounded-md border border-warn/40 bg-warn/5 p-2 text-sm">
          Your session expired. Sign in again to continue.
        </p>
      )}
      <div
        role="tablist"
        aria-label="Sign-in method"
        className="mb-4 flex"
        onKeyDown={(e) => {
          // the tabs pattern: arrow keys move between the two methods
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          const m: Method = method === 'password' ? 'token' : 'password';
          setMethod(m);
          setError(null);
          document.getElementById(`${id}-tab-${m}`)?.focus();
        }}
      >
        {tab('password', 'Username and password')}
        {tab('token', 'Use a Kubernetes token')}
      </div>
      <form id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${method}`} onSubmit={(e) => void submit(e)} className="space-y-3">
        {method === 'password' ? (
          <>
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Username</span>
              <input name="username" autoComplete="username" required maxLength={128} autoFocus className={inputClass} />
            </label>
            <label className="block text-sm">
              <span className="mb-1 block font-medium">Password</span>
              <input name="password" type="password" autoComplete="current-password" required maxLength={1024} className={inputClass} />
            </label>
          </>
        ) : (
          <label className="block text-sm">
            <span className="mb-1 block font-medium">Kubernetes token</span>
            <textarea name="token" required minLength={10} maxLength={16_384} rows={5} spellCheck={false} autoComplete="off" className={cn(inputClass, 'font-mono text-xs')} />
            <span className="mt-1 block text-xs text-fg-muted">
              A bearer token a cluster accepts, e.g. from <code>kubectl create token &lt;service-account&gt;</code>. The console then acts with it.
            </span>
          </label>
        )}
        {error && (
          <p role="alert" className="rounded-md border border-error/30 bg-error/5 p-2 text-sm text-error">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full justify-center" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </Panel>
  );
}

function Panel({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full items-center justify-center p-6">
      <section aria-labelledby="login-title" className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-sm">
        <h1 id="login-title" className="mb-4 flex items-center gap-2 text-lg font-semibold">
          <Ship aria-hidden className="h-5 w-5 text-accent" />
          Sign in to Wheelhouse
        </h1>
        {children}
      </section>
    </div>
  );
}
