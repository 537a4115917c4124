'use client';
/** Every marker of the editor as an accessible list (screen readers do not see Monaco's squiggles). */
import type { EditorProblem } from './code-editor';

export function ProblemsList({ problems }: { problems: EditorProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section aria-label="Problems" className="mt-2 rounded-md border border-line p-2 text-sm">
      <h3 className="mb-1 font-medium">Problems ({problems.length})</h3>
      <ul className="max-h-40 space-y-0.5 overflow-auto font-mono text-xs">
        {problems.map((p, i) => (
          <li key={i}>
            <span className="text-fg-muted">line {p.line}</span> <span className="text-fg-muted">[{p.source}]</span> {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
