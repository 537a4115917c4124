/**
 * Receipt validation of the watch frames that carry objects (snapshot, delta), cheap enough for 10,000 pods.
 * The envelope is still zod (lib/protocol.ts schemas), but each object is checked by isWireObject — exactly the
 * constraints of protocol's k8sObject, in plain code — instead of a deep zod parse. Why: in the browser zod runs
 * jitless (lib/zod-browser.ts, CSP) and a passthrough object parse copies every object and its metadata; for a
 * 20 MB snapshot that was a large share of the time to first rows, and the copies doubled the garbage.
 * Objects are passed through by reference (nothing is copied), so the parse is one O(n) pass of type checks.
 * Watch events are checked the same way (type in protocol's enum, object by isWireObject); extra keys pass.
 */
import { z } from 'zod';
import { delta, snapshot, watchEvent, type WireObject, type WireWatchEvent } from '../protocol';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

/** The same acceptance as protocol's k8sObject (kept equal by a property test in wire-frames.test.ts). */
export function isWireObject(v: unknown): v is WireObject {
  if (!isRecord(v) || !optString(v.apiVersion) || !optString(v.kind)) return false;
  const m = v.metadata;
  return isRecord(m) && typeof m.name === 'string' && optString(m.namespace) && optString(m.resourceVersion);
}

/** Every element passes isWireObject: one plain loop (zod's per-element machinery cost ~10x more, jitless). */
const wireObjects = z.custom<WireObject[]>((v) => Array.isArray(v) && v.every(isWireObject), { message: 'must be an array of Kubernetes objects with metadata.name' });
const watchEventTypes = new Set<unknown>(watchEvent.shape.type.options);
const isWatchEvent = (v: unknown) =>
  typeof v === 'object' && v !== null && watchEventTypes.has((v as { type?: unknown }).type) && isWireObject((v as { object?: unknown }).object);
const watchEvents = z.custom<WireWatchEvent[]>((v) => Array.isArray(v) && v.every(isWatchEvent), { message: 'must be an array of watch events' });

export const snapshotFrame = snapshot.extend({ items: wireObjects });
export const deltaFrame = delta.extend({ events: watchEvents });
