'use client';
/** Monaco's side-by-side diff, read-only: left the server's object, right the user's edit. */
import { useEffect, useRef } from 'react';
import { getMonaco, themeName } from './monaco-setup';

export default function DiffView({ original, modified, label = 'Changes', height = '65vh' }: { original: string; modified: string; label?: string; height?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const monaco = getMonaco();
    const o = monaco.editor.createModel(original, 'yaml');
    const m = monaco.editor.createModel(modified, 'yaml');
    const diff = monaco.editor.createDiffEditor(host.current!, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      theme: themeName(),
      fontSize: 13,
    });
    diff.setModel({ original: o, modified: m });
    return () => {
      diff.dispose();
      o.dispose();
      m.dispose();
    };
  }, [original, modified]);
  return (
    <div role="region" aria-label={label} className="overflow-hidden rounded-md border border-line">
      <div ref={host} style={{ height }} />
    </div>
  );
}
