'use client';
import { Fragment, useState, type ReactNode } from 'react';

/**
 * Retry for live subscriptions: remounting the subtree releases its watches and subscribes afresh.
 * Usage: <Remount>{(retry) => <Widget onRetry={retry} />}</Remount>
 */
export function Remount({ children }: { children: (retry: () => void) => ReactNode }) {
  const [attempt, setAttempt] = useState(0);
  return <Fragment key={attempt}>{children(() => setAttempt((a) => a + 1))}</Fragment>;
}
