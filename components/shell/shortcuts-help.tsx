'use client';
/**
 * "?" anywhere outside a text field lists the keyboard shortcuts, in a native modal <dialog> (focus trap, Escape,
 * focus back to where it was, all from the browser). The header's keyboard button opens the same list.
 */
import { useEffect, useId, useRef } from 'react';
import { Keyboard } from 'lucide-react';
import { Button } from '@/components/ui/button';

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Search clusters, kinds and objects (⌘ K on a Mac)' },
  { keys: ['?'], what: 'Show this list' },
  { keys: ['Tab'], what: 'Move to the next control; the first Tab on a page offers “Skip to content”' },
  { keys: ['↑', '↓'], what: 'Move between rows of a list' },
  { keys: ['Page Up', 'Page Down'], what: 'Move a screenful of rows in a list' },
  { keys: ['Home', 'End'], what: 'First or last row of a list, first or last tab' },
  { keys: ['Enter'], what: 'Open the focused row' },
  { keys: ['Space'], what: 'Select the focused row' },
  { keys: ['←', '→'], what: 'Move between the tabs of an object page' },
  { keys: ['Esc'], what: 'Close a dialog, menu, the navigation drawer or the search; hide a hint' },
];

/** true when a key press belongs to a text field or an editor, not to the page */
export function typingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || !!t.closest('.monaco-editor, .xterm, [role="textbox"]');
}

export function ShortcutsHelp() {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      ref.current?.showModal();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {/* the button is left out of a narrow header; the dialog must not be, or "?" would open an invisible modal */}
      <span className="hidden md:inline-flex">
        <Button variant="ghost" size="icon" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" hint="Keyboard shortcuts (?)" onClick={() => ref.current?.showModal()}>
          <Keyboard aria-hidden className="h-4 w-4" />
        </Button>
      </span>
      <dialog ref={ref} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-card border border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40">
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <dl className="mt-3 space-y-2 text-sm">
            {SHORTCUTS.map((s) => (
              <div key={s.what} className="flex gap-3">
                <dt className="flex w-28 shrink-0 flex-wrap gap-1">
                  {s.keys.map((k) => (
                    <kbd key={k} className="rounded border border-line bg-surface-2 px-1.5 font-mono text-xs">
                      {k}
                    </kbd>
                  ))}
                </dt>
                <dd className="text-fg-muted">{s.what}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="flex justify-end border-t border-line px-5 py-3">
          <Button onClick={() => ref.current?.close()} autoFocus>
            Close
          </Button>
        </div>
      </dialog>
    </>
  );
}
