/**
 * application/json-patch+json (RFC 6902) with kube-apiserver's error behaviour: a body that is not
 * a list of operations is a 400 at decode time; an operation that does not apply (missing path,
 * failed `test`, unknown op) is the generic 422 Invalid whose cause carries the library's message.
 * Messages follow evanphx/json-patch v4, which the real apiserver uses.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { KObject } from '../../types';
import { badRequest, genericInvalid, patchError } from './errors';
import { clone, isObject } from './json-value';

/** kube-apiserver's maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function decodeOps(ops: unknown): Operation[] {
  if (ops === null) return []; // Go decodes JSON null into an empty patch
  if (!Array.isArray(ops)) {
    throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonType(ops)} into Go value of type []handlers.jsonPatchOp`);
  }
  ops.forEach((op) => {
    if (!isObject(op)) {
      throw badRequest(`error decoding patch: json: cannot unmarshal ${goJsonType(op)} into Go value of type handlers.jsonPatchOp`);
    }
  });
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw patchError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  }
  return ops as unknown as Operation[];
}

/** The message evanphx/json-patch gives for an operation that cannot be applied. */
function applyMessage(op: Record<string, unknown>, code: string): string {
  const path = String(op.path ?? '');
  const from = String(op.from ?? '');
  switch (op.op) {
    case 'test':
      return `testing value ${path} failed: test failed`;
    case 'add':
      return `add operation does not apply: doc is missing path: "${path}": missing value`;
    case 'remove':
      return `remove operation does not apply: doc is missing path: "${path}": missing value`;
    case 'replace':
      return `replace operation does not apply: doc is missing key: ${path}: missing value`;
    case 'move':
      return `move operation does not apply: doc is missing from path: ${from}: missing value`;
    case 'copy':
      return `copy operation does not apply: doc is missing from path: ${from}: missing value`;
    default:
      return code;
  }
}

function checkOp(op: Record<string, unknown>): void {
  if (typeof op.op !== 'string' || !OPS.has(op.op)) throw genericInvalid(`Unexpected kind: ${String(op.op ?? '')}`);
  if (typeof op.path !== 'string') throw genericInvalid(`${op.op} operation missing path: missing value`);
  if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') {
    throw genericInvalid(`${op.op} operation missing from: missing value`);
  }
  if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && !('value' in op)) {
    throw genericInvalid(`${op.op} operation missing value: missing value`);
  }
}

/** evanphx: `test` with value null passes when the parent exists and the key does not. */
function testNullOnMissingKey(doc: unknown, path: string): boolean {
  const cut = path.lastIndexOf('/');
  if (cut < 0) return false;
  try {
    const parent: unknown = cut === 0 ? doc : jsonpatch.getValueByPointer(doc, path.slice(0, cut));
    return isObject(parent) && jsonpatch.getValueByPointer(doc, path) === undefined;
  } catch {
    return false;
  }
}

export function applyJsonPatch(obj: KObject, ops: unknown): KObject {
  const list = decodeOps(ops);
  let doc: unknown = clone(obj);
  list.forEach((raw) => {
    const op = raw as unknown as Record<string, unknown>;
    checkOp(op);
    if (op.op === 'test' && op.value === null && testNullOnMissingKey(doc, op.path as string)) return;
    try {
      // one operation at a time so the error names the operation that failed
      doc = jsonpatch.applyOperation(doc, clone(raw), true, true, true, 0).newDocument;
    } catch (e) {
      const code = (e as { name?: string }).name ?? 'OPERATION_FAILED';
      throw genericInvalid(applyMessage(op, code));
    }
  });
  if (!isObject(doc)) {
    throw badRequest(`json: cannot unmarshal ${goJsonType(doc)} into Go value of type map[string]interface {}`);
  }
  return doc as KObject;
}
