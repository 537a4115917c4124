'use client';
/**
 * Showing WHY a control is disabled by RBAC: the disabled control gets the reason as its title and, through
 * aria-describedby, as its accessible description; the reasons themselves are visible text next to the controls
 * (a disabled button shows no tooltip). Several controls denied for the same reason share one note.
 */
import { useId, type ReactNode } from 'react';
import { Lock } from 'lucide-react';
import type { AccessDecision } from '@/lib/access';
import { cn } from '@/components/ui/cn';

export interface DeniedProps {
  title?: string;
  'aria-describedby'?: string;
}

export function useDenied(decisions: readonly (AccessDecision | undefined)[], className?: string): { props: (d: AccessDecision | undefined) => DeniedProps; notes: ReactNode } {
  const id = useId();
  const reasons = [...new Set(decisions.filter((d): d is AccessDecision => Boolean(d && !d.allowed)).map((d) => d.reason ?? 'not allowed'))];
  const idOf = (reason: string) => `${id}-denied-${reasons.indexOf(reason)}`;
  const props = (d: AccessDecision | undefined): DeniedProps => (d && !d.allowed ? { title: d.reason, 'aria-describedby': idOf(d.reason ?? 'not allowed') } : {});
  const notes = reasons.length ? (
    <ul className={cn('space-y-0.5 text-xs text-fg-muted', className)}>
      {reasons.map((r) => (
        <li key={r} id={idOf(r)} className="flex items-center gap-1.5">
          <Lock aria-hidden className="h-3 w-3 shrink-0" />
          <span>{r}</span>
        </li>
      ))}
    </ul>
  ) : null;
  return { props, notes };
}
