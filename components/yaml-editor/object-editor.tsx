'use client';
/**
 * Editing one live object as YAML. The edit starts from a base (the object as loaded); Apply PUTs the whole
 * object with the base's resourceVersion, so a stale edit gets a 409 and the three-way view instead of
 * overwriting someone else's change. Staleness and deletion come from the object's live watch by name, the one
 * the detail page already holds (useLiveObject): editing one object never opens a list watch. Secrets go by merge
 * patch (their values arrive redacted). The text and
 * its base are mirrored to sessionStorage and restored after a reload. Dry run and Apply need RBAC update (patch
 * for Secrets); without it they are disabled with the reason shown, and editing, review and download still work.
 */
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, errorMessage } from '@/lib/api-client';
import { getObject, objectRef, patchObject, refId, replaceObject, useLiveObject, YAML_FIELD_MANAGER } from '@/lib/k8s/client';
import type { KindInfo } from '@/lib/k8s/registry';
import { cleanForEdit, editableContent, isPlainObject, restoreHidden, toYaml, type JsonObject } from '@/lib/yaml/clean';
import { deepEqual } from '@/lib/k8s/machinery/equal';
import { causesToLines } from '@/lib/yaml/causes';
import { nonEmptyDocs, parseYaml } from '@/lib/yaml/limits';
import { createMergePatch } from '@/lib/yaml/merge-patch';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import type { EditorMarker, EditorProblem } from './code-editor';
import { ConflictView } from './conflict-view';
import { FileActions } from './file-actions';
import { ProblemsList } from './problems-list';
import { clearDraft, draftKey, readDraft, useDraftPersistence } from './session-draft';
import { blockingReason, syntaxMarkers } from './validation';
import { useDenied } from '@/components/auth/denied';
import { useCan } from '@/lib/access';

// Monaco touches window at import: client only, and only when this view renders
const CodeEditor = dynamic(() => import('./code-editor'), { ssr: false, loading: () => <SkeletonLines lines={12} /> });
const DiffView = dynamic(() => import('./diff-view'), { ssr: false, loading: () => <SkeletonLines lines={12} /> });

type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; title: string; error: unknown } | null;
type Mode = 'edit' | 'diff' | 'conflict';

export interface ObjectEditorProps {
  cluster: string;
  kind: KindInfo;
  obj: JsonObject & { metadata: { name: string; namespace?: string; resourceVersion?: string } };
}

function rvOf(o: unknown): string | undefined {
  return isPlainObject(o) && isPlainObject(o.metadata) ? (o.metadata.resourceVersion as string | undefined) : undefined;
}

/** Only what changed, plus the resourceVersion precondition (a merge patch with it answers 409 when stale). */
function secretPatch(base: JsonObject, edited: JsonObject): JsonObject {
  const patch = createMergePatch(cleanForEdit(base), cleanForEdit(edited));
  const md = isPlainObject(patch.metadata) ? patch.metadata : {};
  return { ...patch, metadata: { ...md, resourceVersion: rvOf(base) ?? null } };
}

export function ObjectEditor({ cluster, kind, obj }: ObjectEditorProps) {
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name;
  const target = useMemo(() => objectRef(cluster, kind, { metadata: { name, namespace: ns } }), [cluster, kind, ns, name]);
  const key = draftKey(refId(target));
  const isSecret = kind.group === '' && kind.plural === 'secrets';

  // initial state: a stored draft wins over the live object (that is the point of keeping it)
  const [init] = useState(() => {
    const d = typeof window === 'undefined' ? undefined : readDraft<JsonObject>(key);
    if (d?.base) return { base: d.base, text: d.text, showManaged: Boolean(d.showManaged), restored: true, note: d.note };
    const base = structuredClone(obj) as JsonObject;
    return { base, text: toYaml(cleanForEdit(base)), showManaged: false, restored: false, note: undefined };
  });
  const [base, setBase] = useState<JsonObject>(init.base);
  const [showManaged, setShowManaged] = useState(init.showManaged);
  const [text, setText] = useState(init.text);
  const [restored, setRestored] = useState(init.restored);
  const [mode, setMode] = useState<Mode>('edit');
  const [busy, setBusy] = useState<'' | 'dry' | 'apply'>('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [serverMarkers, setServerMarkers] = useState<EditorMarker[]>([]);
  const [problems, setProblems] = useState<EditorProblem[]>([]);
  const [conflict, setConflict] = useState<{ theirs: JsonObject; mine: JsonObject; mineText: string } | null>(null);

  const pristine = useMemo(() => toYaml(cleanForEdit(base, { showManaged })), [base, showManaged]);
  const dirty = text !== pristine;
  useDraftPersistence(key, dirty ? { text, base, showManaged, ...(restored && init.note ? { note: init.note } : {}) } : null);
  const canWrite = useCan(cluster, { verb: isSecret ? 'patch' : 'update', group: kind.group, resource: kind.plural, namespace: ns, name });
  const denied = useDenied([canWrite]);

  const parsed = useMemo(() => parseYaml(text), [text]);
  const blocked = blockingReason(parsed);
  const markers = useMemo(() => [...syntaxMarkers(parsed), ...serverMarkers], [parsed, serverMarkers]);

  // live banner: the object's watch by name (shared with the detail page) tells when the server copy moves on
  const live = useLiveObject(target);
  const liveItem = live.object;
  const liveRv = liveItem?.metadata.resourceVersion ?? rvOf(obj);
  const deleted = live.deleted;
  const liveObj: unknown = liveItem ?? obj;
  const stale = useMemo(
    () => !deleted && liveRv !== rvOf(base) && !deepEqual(editableContent(liveObj), editableContent(base)),
    [deleted, liveRv, base, liveObj],
  );

  const toggleManaged = (on: boolean) => {
    // keep the user's edits: re-render from their parsed text with the hidden parts added or removed
    const docs = nonEmptyDocs(parsed);
    if (dirty && (parsed.errors.length || docs.length !== 1 || !isPlainObject(docs[0].value))) return;
    const current = dirty ? (docs[0].value as JsonObject) : cleanForEdit(base);
    const next = on ? restoreHidden({ ...current, metadata: { ...(current.metadata as JsonObject), managedFields: (base.metadata as JsonObject).managedFields ?? null } }, base) : cleanForEdit(current);
    if (on && next.metadata && (next.metadata as JsonObject).managedFields === null) delete (next.metadata as JsonObject).managedFields;
    setShowManaged(on);
    setText(dirty ? toYaml(next) : toYaml(cleanForEdit(base, { showManaged: on })));
  };

  const editedObject = useCallback((): JsonObject | string => {
    if (blocked) return blocked;
    const docs = nonEmptyDocs(parsed);
    if (docs.length !== 1 || !isPlainObject(docs[0].value)) return 'The editor must hold exactly one object here; use Create from YAML for several.';
    const o = docs[0].value as JsonObject;
    const md = isPlainObject(o.metadata) ? o.metadata : {};
    if (md.name !== name || (ns && md.namespace !== undefined && md.namespace !== ns)) return `metadata.name and metadata.namespace cannot change here (this is ${ns ? `${ns}/` : ''}${name}).`;
    if (o.kind !== undefined && o.kind !== kind.kind) return `kind cannot change here (this is a ${kind.kind}).`;
    return restoreHidden(o, base);
  }, [blocked, parsed, name, ns, kind.kind, base]);

  const send = useCallback(
    async (dryRun: boolean) => {
      let edited = editedObject();
      if (typeof edited === 'string') {
        setOutcome({ kind: 'error', title: 'Not sent', error: new Error(edited) });
        return;
      }
      setBusy(dryRun ? 'dry' : 'apply');
      setServerMarkers([]);
      setOutcome(null);
      try {
        let result: JsonObject | undefined;
        let from = base;
        for (let attempt = 0; !result; attempt++) {
          try {
            const opts = { dryRun, fieldManager: YAML_FIELD_MANAGER };
            result = isSecret ? await patchObject<JsonObject>(target, secretPatch(from, edited), { ...opts, type: 'merge' }) : await replaceObject<JsonObject>(target, edited, opts);
          } catch (err) {
            // a 409 caused only by status writes (controllers bump resourceVersion constantly): nobody changed
            // what the user edits, so the same edit on the new resourceVersion is what the 3-way merge would give
            if (!(err instanceof ApiRequestError && err.status === 409) || attempt >= 3) throw err;
            const now = await getObject<JsonObject & { metadata: { name: string } }>(target).catch(() => undefined);
            if (!now || !deepEqual(editableContent(now), editableContent(from))) throw err;
            from = now;
            edited = { ...edited, metadata: { ...(edited.metadata as JsonObject), resourceVersion: rvOf(now) ?? null } };
          }
        }
        if (dryRun) {
          setOutcome({ kind: 'ok', message: `Dry run passed: the server accepted the change (nothing was written).` });
        } else {
          clearDraft(key);
          setBase(result);
          setText(toYaml(cleanForEdit(result, { showManaged })));
          setRestored(false);
          setMode('edit');
          setOutcome({ kind: 'ok', message: `Applied. New resourceVersion ${rvOf(result) ?? '?'}.` });
        }
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 409 && !dryRun) {
          try {
            const theirs = (await getObject(target)) as unknown as JsonObject;
            setConflict({ theirs, mine: cleanForEdit(edited, { showManaged }), mineText: text });
            setMode('conflict');
          } catch (e2) {
            setOutcome({ kind: 'error', title: 'Conflict, and the current object could not be loaded', error: e2 });
          }
        } else {
          if (err instanceof ApiRequestError && err.status === 422) {
            const doc = nonEmptyDocs(parsed)[0];
            if (doc) setServerMarkers(causesToLines(text, doc, err.details, err.message));
          }
          setOutcome({ kind: 'error', title: dryRun ? 'Dry run failed' : 'Apply failed', error: err });
        }
      } finally {
        setBusy('');
      }
    },
    [editedObject, isSecret, target, base, key, showManaged, text, parsed],
  );

  const review = useCallback(() => setMode((m) => (m === 'diff' ? 'edit' : 'diff')), []);
  const reload = () => {
    const fresh = (liveItem as JsonObject | undefined) ?? obj;
    void getObject(target)
      .then((o) => o as unknown as JsonObject)
      .catch(() => fresh)
      .then((o) => {
        clearDraft(key);
        setBase(o);
        setText(toYaml(cleanForEdit(o, { showManaged })));
        setRestored(false);
        setServerMarkers([]);
        setOutcome(null);
      });
  };

  useEffect(() => setServerMarkers([]), [text]);

  return (
    <div className="space-y-2">
      {(stale || deleted) && mode !== 'conflict' && (
        <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md border border-warn/40 bg-warn/5 p-2 text-sm">
          <span className="flex-1">
            {deleted
              ? 'This object was deleted on the server while you were editing.'
              : `This object changed on the server since you started editing (resourceVersion ${rvOf(base)} → ${liveRv}). Applying will show a conflict you can merge.`}
          </span>
          {!deleted && (
            <Button size="sm" onClick={reload}>
              Discard my edit and load the latest
            </Button>
          )}
        </div>
      )}
      {restored && (
        <div role="status" className="flex items-center gap-2 rounded-md border border-info/40 bg-info/5 p-2 text-sm">
          <span className="flex-1">{init.note ?? 'Restored your unsaved edit from this browser tab.'}</span>
          <Button size="sm" variant="ghost" onClick={reload}>
            Discard
          </Button>
        </div>
      )}
      <div role="toolbar" aria-label="YAML actions" className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant={mode === 'diff' ? 'primary' : 'secondary'} aria-pressed={mode === 'diff'} onClick={review} aria-keyshortcuts="Control+S Meta+S">
          Review changes
        </Button>
        <Button size="sm" disabled={Boolean(blocked) || busy !== '' || !canWrite.allowed} {...denied.props(canWrite)} onClick={() => void send(true)}>
          {busy === 'dry' ? 'Dry running…' : 'Dry run'}
        </Button>
        <Button size="sm" variant="primary" disabled={Boolean(blocked) || busy !== '' || !canWrite.allowed} hint={blocked} {...denied.props(canWrite)} onClick={() => void send(false)}>
          {busy === 'apply' ? 'Applying…' : 'Apply'}
        </Button>
        <FileActions text={text} fileName={`${name}.yaml`} />
        <label className="ml-auto flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={showManaged} onChange={(e) => toggleManaged(e.target.checked)} />
          Show managed fields and status
        </label>
      </div>
      {denied.notes}
      {blocked && <p className="text-sm text-error">{blocked}</p>}
      {outcome?.kind === 'ok' && (
        <p role="status" className="text-sm text-ok">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'error' && <ErrorState compact error={outcome.error} title={outcome.title} />}
      {mode === 'conflict' && conflict && (
        <ConflictView
          base={base}
          mine={conflict.mine}
          mineText={conflict.mineText}
          theirs={conflict.theirs}
          showManaged={showManaged}
          onClose={() => setMode('edit')}
          onResolve={(t, newBase) => {
            setBase(newBase);
            setText(t);
            setConflict(null);
            setMode('edit');
          }}
        />
      )}
        {mode === 'diff' && <DiffView original={toYaml(cleanForEdit(base, { showManaged }))} modified={text} label="Changes (server ← → your edit)" />}
        <div hidden={mode === 'diff'}>
          <CodeEditor
            cluster={cluster}
            modelId={refId(target)}
            value={text}
            onChange={setText}
            markers={markers}
            onSave={review}
            onProblems={setProblems}
          />
        </div>
      <ProblemsList problems={problems} />
      {outcome?.kind === 'error' && <span className="sr-only">{errorMessage(outcome.error)}</span>}
    </div>
  );
}
