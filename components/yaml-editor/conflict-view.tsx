'use client';
/**
 * The 409 view: your edit, the server's current object, and (when the two sets of changes do not overlap) the
 * merged result against the base the edit started from. Whatever the user picks goes back into the editor
 * with the server's resourceVersion, to be reviewed and applied again; nothing is written from here.
 */
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { cleanForEdit, isPlainObject, toYaml, type JsonObject } from '@/lib/yaml/clean';
import { threeWayMerge } from '@/lib/yaml/merge3';

export interface ConflictViewProps {
  base: JsonObject;
  mine: JsonObject;
  mineText: string;
  theirs: JsonObject;
  showManaged: boolean;
  /** replaces the editor text and makes `theirs` the new base */
  onResolve: (text: string, newBase: JsonObject) => void;
  onClose: () => void;
}

function Pane({ title, text, id }: { title: string; text: string; id: string }) {
  return (
    <section aria-labelledby={id} className="min-w-0 flex-1">
      <h3 id={id} className="mb-1 text-sm font-medium">
        {title}
      </h3>
      <pre tabIndex={0} className="max-h-[50vh] overflow-auto rounded-md border border-line bg-surface-2 p-2 font-mono text-xs">
        {text}
      </pre>
    </section>
  );
}

export function ConflictView(p: ConflictViewProps) {
  const theirsClean = useMemo(() => cleanForEdit(p.theirs, { showManaged: p.showManaged }), [p.theirs, p.showManaged]);
  const baseClean = useMemo(() => cleanForEdit(p.base, { showManaged: p.showManaged }), [p.base, p.showManaged]);
  const result = useMemo(() => threeWayMerge(baseClean, p.mine, theirsClean), [baseClean, p.mine, theirsClean]);
  const theirsText = useMemo(() => toYaml(theirsClean), [theirsClean]);
  const mergedText = useMemo(() => toYaml(result.merged), [result.merged]);
  const serverRv = isPlainObject(p.theirs.metadata) ? String(p.theirs.metadata.resourceVersion ?? '') : '';

  function keepMine() {
    const mine = structuredClone(p.mine);
    if (isPlainObject(mine.metadata)) mine.metadata.resourceVersion = serverRv;
    p.onResolve(toYaml(mine), p.theirs);
  }

  return (
    <section aria-label="Conflict" className="space-y-3 rounded-md border border-warn/40 bg-warn/5 p-3">
      <div role="alert">
        <p className="font-medium">Conflict: the object changed on the server after you started editing.</p>
        <p className="text-sm text-fg-muted">
          Nothing was written. Your text is kept here and in this tab&apos;s session storage.{' '}
          {result.conflicts.length === 0
            ? 'Your changes and the server’s do not overlap: the merged result combines both.'
            : `Both sides changed ${result.conflicts.join(', ')}: the merged result keeps your values there; check them.`}
        </p>
      </div>
      <div className="flex flex-col gap-3 lg:flex-row">
        <Pane id="conflict-mine" title="Your edit" text={p.mineText} />
        <Pane id="conflict-server" title={`Server now (resourceVersion ${serverRv})`} text={theirsText} />
        <Pane id="conflict-merged" title={result.conflicts.length ? 'Merged result (with conflicts)' : 'Merged result'} text={mergedText} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" size="sm" onClick={() => p.onResolve(mergedText, p.theirs)}>
          Use merged result
        </Button>
        <Button size="sm" onClick={keepMine}>
          Keep my edit over the server version
        </Button>
        <Button size="sm" variant="ghost" onClick={p.onClose}>
          Back to my edit
        </Button>
      </div>
    </section>
  );
}
