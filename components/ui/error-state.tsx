'use client';
import { AlertTriangle, RotateCw } from 'lucide-react';
import { ApiRequestError, errorMessage } from '@/lib/api-client';
import { Button } from './button';
import { cn } from './cn';

/** Shows the server's message verbatim (never rewritten) with its status/reason and a Retry button. */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
  className,
  compact,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
  compact?: boolean;
}) {
  const meta = error instanceof ApiRequestError ? `${error.status || 'network'} ${error.reason}` : undefined;
  return (
    <div role="alert" className={cn('flex items-start gap-3 rounded-card border border-error/30 bg-error/5', compact ? 'p-3' : 'p-4', className)}>
      <AlertTriangle aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-error" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-error">{title}</p>
        <p className="mt-0.5 break-words font-mono text-sm text-fg">{errorMessage(error)}</p>
        {meta && <p className="mt-0.5 text-xs text-fg-muted">{meta}</p>}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          <RotateCw aria-hidden className="h-3.5 w-3.5" />
          Retry
        </Button>
      )}
    </div>
  );
}
