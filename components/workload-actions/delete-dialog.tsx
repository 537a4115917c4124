'use client';
/** Delete confirmation with the propagation choice kubectl offers as --cascade (background, foreground, orphan). */
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

const CHOICES: { value: Propagation; hint: string }[] = [
  { value: 'Background', hint: 'delete now; dependents are garbage-collected afterwards' },
  { value: 'Foreground', hint: 'dependents are deleted first, then this object' },
  { value: 'Orphan', hint: 'delete only this object; dependents keep running' },
];

export function DeleteDialog({
  open,
  kindLabel,
  name,
  onCancel,
  onDelete,
}: {
  open: boolean;
  kindLabel: string;
  name: string;
  onCancel: () => void;
  onDelete: (p: Propagation) => Promise<void>;
}) {
  const [choice, setChoice] = useState<Propagation>('Background');
  const [busy, setBusy] = useState(false);
  const group = useId();
  return (
    <ConfirmDialog
      open={open}
      title={`Delete ${kindLabel} ${name}?`}
      confirmLabel="Delete"
      danger
      busy={busy}
      onCancel={onCancel}
      onConfirm={async () => {
        setBusy(true);
        try {
          await onDelete(choice);
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend id={group} className="mb-2">
          Propagation
        </legend>
        <div role="radiogroup" aria-labelledby={group} className="space-y-1.5">
          {CHOICES.map((c) => (
            <label key={c.value} className="flex items-start gap-2">
              <input type="radio" name={`${group}-propagation`} value={c.value} checked={choice === c.value} onChange={() => setChoice(c.value)} className="mt-1" />
              <span>
                <span className="font-medium text-fg">{c.value}</span> — {c.hint}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </ConfirmDialog>
  );
}
