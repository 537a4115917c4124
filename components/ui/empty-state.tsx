import type { ReactNode } from 'react';
import { Inbox } from 'lucide-react';
import { cn } from './cn';

/** An empty result that tells the user what to do next (`hint`), optionally with an action. */
export function EmptyState({
  title,
  hint,
  action,
  icon,
  className,
}: {
  title: string;
  hint?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('flex flex-col items-center justify-center gap-2 px-6 py-10 text-center', className)}>
      <span className="text-muted">{icon ?? <Inbox aria-hidden className="h-6 w-6" />}</span>
      <p className="font-medium">{title}</p>
      {hint && <p className="max-w-md text-sm text-fg-muted">{hint}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
