/**
 * Maps the field paths of a Kubernetes 422 (details.causes[].field, e.g. `spec.template.spec.containers[0].image`
 * or `metadata.labels[app]`) to lines of the YAML the user wrote. When the exact node does not exist (a
 * required field is missing), the deepest existing parent is used, so the marker still lands nearby.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { lineCol } from './limits';

export type PathSegment = string | number;

export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

function child(node: Node, seg: PathSegment): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(seg)) {
        return { key: item.key as Node, value: isNode(item.value) ? item.value : undefined };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const v = typeof seg === 'number' ? node.items[seg] : undefined;
    return isNode(v) ? { value: v } : undefined;
  }
  return undefined;
}

/** 1-based line (and column) of the node a field path names, or its deepest existing ancestor. */
export function locateField(text: string, doc: Document.Parsed, field: string): { line: number; column: number; exact: boolean } | undefined {
  let node: Node | undefined = isNode(doc.contents) ? doc.contents : undefined;
  if (!node) return undefined;
  let at: Node = node;
  const segs = parseFieldPath(field);
  let exact = true;
  for (const seg of segs) {
    const c = child(at, seg);
    if (!c) {
      exact = false;
      break;
    }
    // point at the key (the line that names the field) when there is one
    node = c.key ?? c.value;
    if (!c.value) {
      at = node!;
      if (seg !== segs[segs.length - 1]) exact = false;
      break;
    }
    at = c.value;
  }
  const range = node?.range ?? at.range;
  if (!range) return undefined;
  return { ...lineCol(text, range[0]), exact };
}
