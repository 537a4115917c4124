/**
 * Parsing YAML the user typed or pasted, with hard limits so a hostile paste (billion laughs, deep nesting,
 * megabytes of text) is refused with a clear message instead of freezing the tab or the BFF. The same
 * function guards the browser (before anything is sent) and any server route that accepts YAML.
 */
import { isAlias, isCollection, parseAllDocuments, visit, type Document } from 'yaml';

export const YAML_LIMITS = { maxBytes: 2 * 1024 * 1024, maxDepth: 100, maxAliases: 100 } as const;

export interface YamlProblem {
  message: string;
  /** 1-based; absent for whole-input problems (limits) */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface ParsedDoc {
  index: number;
  /** plain JS value (undefined for an empty document) */
  value: unknown;
  /** 1-based first and last line of the document in the text */
  startLine: number;
  endLine: number;
  errors: YamlProblem[];
  doc: Document.Parsed;
}

export interface ParseResult {
  docs: ParsedDoc[];
  /** set when a limit was exceeded: nothing else is reported then */
  limitError?: string;
  /** syntax errors of every document (also in docs[i].errors) */
  errors: YamlProblem[];
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** 1-based line/column of a character offset. */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

function depthAndAliases(doc: Document.Parsed): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  visit(doc, (_key, node, path) => {
    if (isAlias(node)) aliases++;
    if (isCollection(node)) {
      // path holds the Document, the collections and the Pairs between them: count collections only
      const d = path.filter((p) => isCollection(p)).length + 1;
      if (d > depth) depth = d;
    }
  });
  return { depth, aliases };
}

/**
 * Cheap scan for flow-collection nesting before the parser sees the text: the parser recurses per level, so
 * `[[[[…` a million deep would cost seconds before overflowing. Quoted strings and comments are skipped;
 * brackets inside plain scalars may over-count, which only matters past 100 unclosed ones.
 */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      const prev = text[i - 1];
      if (prev === undefined || ' \t\n[{,:-'.includes(prev)) quote = c;
    } else if (c === '#' && (i === 0 || ' \t\n'.includes(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === '\n' && depth > 0 && text[i + 1] === '-' && text.startsWith('---', i + 1)) depth = 0;
  }
  return max;
}

export function checkLimitsText(text: string): string | undefined {
  const size = byteLength(text);
  if (size > YAML_LIMITS.maxBytes) {
    return `YAML is ${(size / 1024 / 1024).toFixed(1)} MiB; the limit is 2 MiB.`;
  }
  const flow = flowDepth(text);
  if (flow > YAML_LIMITS.maxDepth) return `YAML is nested deeper than ${YAML_LIMITS.maxDepth} levels.`;
  return undefined;
}

/** Parses every document of a (multi-document) YAML text, enforcing size, depth and alias limits. */
export function parseYaml(text: string): ParseResult {
  const sizeError = checkLimitsText(text);
  if (sizeError) return { docs: [], errors: [], limitError: sizeError };
  let parsed: Document.Parsed[];
  try {
    const all = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
    parsed = Array.isArray(all) ? all : [];
  } catch (e) {
    // the composer recurses per nesting level: absurdly deep flow collections overflow the stack
    if (e instanceof RangeError) return { docs: [], errors: [], limitError: `YAML is nested deeper than ${YAML_LIMITS.maxDepth} levels.` };
    throw e;
  }
  let aliasTotal = 0;
  for (const d of parsed) {
    const { depth, aliases } = depthAndAliases(d);
    aliasTotal += aliases;
    if (depth > YAML_LIMITS.maxDepth) return { docs: [], errors: [], limitError: `YAML is nested ${depth} levels deep; the limit is ${YAML_LIMITS.maxDepth}.` };
  }
  if (aliasTotal > YAML_LIMITS.maxAliases) {
    return { docs: [], errors: [], limitError: `YAML uses ${aliasTotal} aliases; the limit is ${YAML_LIMITS.maxAliases} (protection against alias bombs).` };
  }
  const errors: YamlProblem[] = [];
  const docs: ParsedDoc[] = parsed.map((doc, index) => {
    const docErrors: YamlProblem[] = doc.errors.map((err) => {
      const start = lineCol(text, err.pos[0]);
      const end = lineCol(text, Math.max(err.pos[1], err.pos[0] + 1));
      return { message: err.message.split('\n')[0], line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    });
    errors.push(...docErrors);
    let value: unknown;
    if (docErrors.length === 0) {
      try {
        value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases });
      } catch (e) {
        docErrors.push({ message: (e as Error).message, line: lineCol(text, doc.range[0]).line });
        errors.push(docErrors[docErrors.length - 1]);
      }
    }
    return {
      index,
      value,
      startLine: lineCol(text, doc.contents?.range?.[0] ?? doc.range[0]).line,
      endLine: lineCol(text, Math.max(doc.range[0], doc.range[2] - 1)).line,
      errors: docErrors,
      doc,
    };
  });
  return { docs, errors };
}

/** Documents that hold something (a trailing `---` or a comment-only document is skipped). */
export function nonEmptyDocs(r: ParseResult): ParsedDoc[] {
  return r.docs.filter((d) => d.value !== undefined && d.value !== null);
}
