/** Markers the editor shows before anything is sent: limit violations and YAML syntax errors. */
import type { ParseResult } from '@/lib/yaml/limits';
import type { EditorMarker } from './code-editor';

export function syntaxMarkers(r: ParseResult): EditorMarker[] {
  if (r.limitError) return [{ line: 1, message: r.limitError }];
  return r.errors.map((e) => ({ line: e.line ?? 1, column: e.column, endLine: e.endLine, endColumn: e.endColumn, message: e.message }));
}

export function blockingReason(r: ParseResult): string | undefined {
  if (r.limitError) return r.limitError;
  if (r.errors.length) return `Fix ${r.errors.length === 1 ? 'the YAML syntax error' : `${r.errors.length} YAML syntax errors`} first (line ${r.errors[0].line}).`;
  return undefined;
}
