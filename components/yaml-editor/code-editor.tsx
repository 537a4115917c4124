'use client';
/**
 * The Monaco YAML editor: one model per object (its URI selects the schema in monaco-yaml), schema updates
 * as the document's apiVersion/kind change, our own markers (syntax, limits, server 422 causes) under one
 * owner, and Ctrl/Cmd-S bound to the caller's save action. The region is named "YAML editor".
 */
import { useEffect, useRef } from 'react';
import { getMonaco, setModelSchema, themeName } from './monaco-setup';
import { kindsInText, kindsKey, schemaFor } from './schema-loader';

export interface EditorMarker {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity?: 'error' | 'warning';
}

export interface EditorProblem {
  line: number;
  message: string;
  source: string;
}

export interface CodeEditorProps {
  cluster: string;
  /** unique per edited thing, e.g. "sandbox-east/apps/v1/deployments/shop/web" */
  modelId: string;
  value: string;
  onChange: (text: string) => void;
  markers: EditorMarker[];
  onSave?: () => void;
  /** every marker in the model (ours + monaco-yaml's schema/syntax findings), for the problems list */
  onProblems?: (problems: EditorProblem[]) => void;
  readOnly?: boolean;
  height?: string;
}

const OWNER = 'wheelhouse';

export default function CodeEditor(p: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<ReturnType<ReturnType<typeof getMonaco>['editor']['create']> | null>(null);
  const lastEmitted = useRef(p.value);
  const cb = useRef(p);
  cb.current = p;
  const uri = `file:///wheelhouse/${p.modelId.replace(/[^a-zA-Z0-9._/-]/g, '_')}.yaml`;

  useEffect(() => {
    const monaco = getMonaco();
    const muri = monaco.Uri.parse(uri);
    monaco.editor.getModel(muri)?.dispose();
    const model = monaco.editor.createModel(cb.current.value, 'yaml', muri);
    lastEmitted.current = cb.current.value;
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: themeName(),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      fontSize: 13,
      readOnly: cb.current.readOnly,
      ariaLabel: 'YAML text',
      quickSuggestions: { other: true, comments: false, strings: true },
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => cb.current.onSave?.());

    let schemaKey = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    const refreshSchema = () => {
      const kinds = kindsInText(model.getValue());
      const key = kindsKey(kinds);
      if (key === schemaKey) return;
      schemaKey = key;
      void schemaFor(cb.current.cluster, kinds).then((schema) => {
        if (!disposed && key === schemaKey) setModelSchema(uri, schema);
      });
    };
    refreshSchema();
    const sub = model.onDidChangeContent(() => {
      const text = model.getValue();
      lastEmitted.current = text;
      cb.current.onChange(text);
      clearTimeout(timer);
      timer = setTimeout(refreshSchema, 300);
    });
    const reportProblems = () => {
      const problems = monaco.editor
        .getModelMarkers({ resource: muri })
        .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
        .map((m) => ({ line: m.startLineNumber, message: m.message, source: m.owner === OWNER ? (m.source ?? 'YAML') : 'schema' }))
        .sort((a, b) => a.line - b.line);
      cb.current.onProblems?.(problems);
    };
    const markerSub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === muri.toString())) reportProblems();
    });
    // follow the app's light/dark toggle
    const themeObs = new MutationObserver(() => monaco.editor.setTheme(themeName()));
    themeObs.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => {
      disposed = true;
      clearTimeout(timer);
      themeObs.disconnect();
      markerSub.dispose();
      sub.dispose();
      editor.dispose();
      model.dispose();
      setModelSchema(uri, undefined);
      editorRef.current = null;
    };
    // the editor lives as long as the model id; value changes are pushed below
  }, [uri]);

  // text replaced from outside (reload, merged result): push it into the model as one undoable edit
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || p.value === lastEmitted.current || p.value === model.getValue()) return;
    lastEmitted.current = p.value;
    editor.pushUndoStop();
    editor.executeEdits('wheelhouse', [{ range: model.getFullModelRange(), text: p.value }]);
    editor.pushUndoStop();
  }, [p.value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: p.readOnly });
  }, [p.readOnly]);

  useEffect(() => {
    const monaco = getMonaco();
    const model = monaco.editor.getModel(monaco.Uri.parse(uri));
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      p.markers.map((m) => ({
        startLineNumber: m.line,
        startColumn: m.column ?? 1,
        endLineNumber: m.endLine ?? m.line,
        endColumn: m.endColumn && (m.endLine ?? m.line) !== m.line ? m.endColumn : Math.max(m.endColumn ?? 0, model.getLineMaxColumn(Math.min(m.line, model.getLineCount()))),
        message: m.message,
        severity: m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
        source: 'Wheelhouse',
      })),
    );
  }, [p.markers, uri]);

  return (
    <div role="region" aria-label="YAML editor" className="overflow-hidden rounded-md border border-line">
      <div ref={host} style={{ height: p.height ?? '65vh' }} />
    </div>
  );
}
