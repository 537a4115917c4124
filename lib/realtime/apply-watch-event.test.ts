import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WireObject, WireWatchEvent } from '../protocol';
import { applyWatchEvent, applyWatchEvents, keyOf } from './apply-watch-event';

const obj = (name: string, rv: string, ns = 'default', extra: Record<string, unknown> = {}): WireObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, resourceVersion: rv },
  ...extra,
});

describe('applyWatchEvent', () => {
  it('adds, replaces and removes by namespace/name', () => {
    let l: WireObject[] = [];
    l = applyWatchEvent(l, { type: 'ADDED', object: obj('a', '1') });
    l = applyWatchEvent(l, { type: 'ADDED', object: obj('a', '1', 'other') });
    expect(l.map(keyOf)).toEqual(['default/a', 'other/a']);
    l = applyWatchEvent(l, { type: 'MODIFIED', object: obj('a', '2', 'default', { spec: { x: 1 } }) });
    expect(l[0].spec).toEqual({ x: 1 });
    l = applyWatchEvent(l, { type: 'DELETED', object: obj('a', '3') });
    expect(l.map(keyOf)).toEqual(['other/a']);
  });
  it('returns the same array for no-ops (same resourceVersion, delete of an absent object)', () => {
    const l = [obj('a', '5')];
    expect(applyWatchEvent(l, { type: 'MODIFIED', object: obj('a', '5') })).toBe(l);
    expect(applyWatchEvent(l, { type: 'DELETED', object: obj('zz', '6') })).toBe(l);
    expect(applyWatchEvents(l, [])).toBe(l);
  });
  it('never compares resourceVersions by magnitude', () => {
    const l = [obj('a', '10')];
    // "9" is not "older": the event is applied because it is different
    expect(applyWatchEvent(l, { type: 'MODIFIED', object: obj('a', '9') })[0].metadata.resourceVersion).toBe('9');
  });
  it('matches a reference model for any event sequence, batched or one by one', () => {
    const ev = fc.record({
      type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED') as fc.Arbitrary<WireWatchEvent['type']>,
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      ns: fc.constantFrom('x', 'y'),
      rv: fc.integer({ min: 1, max: 6 }).map(String),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (raw, chunk) => {
        const events: WireWatchEvent[] = raw.map((e) => ({ type: e.type, object: obj(e.name, e.rv, e.ns) }));
        const model = new Map<string, string>();
        for (const e of events) {
          const k = keyOf(e.object);
          if (e.type === 'DELETED') model.delete(k);
          else model.set(k, e.object.metadata.resourceVersion!);
        }
        let one: WireObject[] = [];
        for (const e of events) one = applyWatchEvent(one, e);
        let batched: WireObject[] = [];
        for (let i = 0; i < events.length; i += chunk) batched = applyWatchEvents(batched, events.slice(i, i + chunk));
        for (const l of [one, batched]) {
          expect(new Map(l.map((o) => [keyOf(o), o.metadata.resourceVersion]))).toEqual(model);
          expect(new Set(l.map(keyOf)).size).toBe(l.length);
        }
      }),
    );
  });
});
