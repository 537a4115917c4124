import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { delta, k8sObject, snapshot } from '../protocol';
import { deltaFrame, isWireObject, snapshotFrame } from './wire-frames';

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'x', resourceVersion: '7', labels: { a: 'b' } }, spec: { containers: [] } });

// values shaped like (and unlike) Kubernetes objects: every field the check looks at gets wrong types too
const anyValue = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
const metadata = fc.oneof(
  anyValue,
  fc.record({ name: anyValue, namespace: anyValue, resourceVersion: anyValue, uid: anyValue }, { requiredKeys: [] }),
  fc.record({ name: fc.string({ maxLength: 5 }), namespace: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }) }),
);
const candidate = fc.oneof(anyValue, fc.record({ apiVersion: anyValue, kind: anyValue, metadata, spec: anyValue }, { requiredKeys: [] }), fc.array(fc.anything(), { maxLength: 2 }));

describe('wire frames', () => {
  it('isWireObject accepts exactly what the protocol k8sObject schema accepts', () => {
    fc.assert(
      fc.property(candidate, (v) => {
        expect(isWireObject(v)).toBe(k8sObject.safeParse(v).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the snapshot and delta frames the protocol schemas accept', () => {
    const event = fc.record({ type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 1), object: candidate }, { requiredKeys: ['type'] });
    const frame = fc.record({ subId: fc.constantFrom('s', 1), resourceVersion: fc.constantFrom('1', undefined), items: fc.array(candidate, { maxLength: 3 }), events: fc.array(event, { maxLength: 3 }) });
    fc.assert(
      fc.property(frame, (f) => {
        expect(snapshotFrame.safeParse(f).success).toBe(snapshot.safeParse(f).success);
        expect(deltaFrame.safeParse(f).success).toBe(delta.safeParse(f).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('passes objects through by reference and rejects a frame with a malformed object', () => {
    const items = [pod('a'), pod('b')];
    const s = snapshotFrame.parse({ subId: 's', items, resourceVersion: '9' });
    expect(s.items[0]).toBe(items[0]);
    expect(snapshotFrame.safeParse({ subId: 's', items: [...items, { metadata: {} }], resourceVersion: '9' }).success).toBe(false);
    expect(snapshotFrame.safeParse({ subId: 's', items }).success).toBe(false);
    const d = deltaFrame.parse({ subId: 's', events: [{ type: 'MODIFIED', object: items[1] }], resourceVersion: '10' });
    expect(d.events[0].object).toBe(items[1]);
    expect(deltaFrame.safeParse({ subId: 's', events: [{ type: 'BOOKMARK', object: items[1] }], resourceVersion: '10' }).success).toBe(false);
    expect(deltaFrame.safeParse({ subId: 's', events: [{ type: 'ADDED', object: { metadata: { name: 1 } } }], resourceVersion: '10' }).success).toBe(false);
  });
});
