import { describe, expect, it } from 'vitest';
import type { Obj } from '../k8s/strip';
import { parseSelector as parseLabelSelector } from '../../lib/k8s/machinery/labels';
import { filterCatchUp, filterLive, makeView } from './views';

const o = (name: string, ns: string, labels: Record<string, string> = {}, rv = '1'): Obj => ({ metadata: { name, namespace: ns, labels, resourceVersion: rv } });

describe('views', () => {
  it('passes everything through for an unfiltered view', () => {
    const v = makeView('s', undefined, undefined, []);
    const evs = [{ type: 'ADDED' as const, object: o('a', 'x') }];
    expect(filterLive(v, evs)).toBe(evs);
  });

  it('filters by namespace', () => {
    const v = makeView('s', 'x', undefined, []);
    const out = filterLive(v, [
      { type: 'ADDED', object: o('a', 'x') },
      { type: 'ADDED', object: o('b', 'y') },
    ]);
    expect(out.map((e) => e.object.metadata.name)).toEqual(['a']);
  });

  it('turns selector membership changes into ADDED / DELETED', () => {
    const v = makeView('s', undefined, parseLabelSelector('app=web'), [o('a', 'x', { app: 'web' }), o('b', 'x', { app: 'db' })]);
    const out = filterLive(v, [
      { type: 'MODIFIED', object: o('a', 'x', { app: 'db' }, '2') },
      { type: 'MODIFIED', object: o('b', 'x', { app: 'web' }, '3') },
      { type: 'MODIFIED', object: o('c', 'x', { app: 'db' }, '4') },
      { type: 'DELETED', object: o('c', 'x', { app: 'db' }, '5') },
      { type: 'MODIFIED', object: o('b', 'x', { app: 'web' }, '6') },
      { type: 'DELETED', object: o('b', 'x', { app: 'web' }, '7') },
    ]);
    expect(out.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['DELETED:a', 'ADDED:b', 'MODIFIED:b', 'DELETED:b']);
    expect(v.visible?.size).toBe(0);
  });

  it('catch-up without knowing the client holdings: non-matching objects become DELETED', () => {
    const v = makeView('s', 'x', parseLabelSelector('app=web'), []);
    const out = filterCatchUp(v, [
      { type: 'MODIFIED', object: o('a', 'x', { app: 'db' }) },
      { type: 'ADDED', object: o('b', 'x', { app: 'web' }) },
      { type: 'ADDED', object: o('c', 'other', { app: 'web' }) },
    ]);
    expect(out.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['DELETED:a', 'ADDED:b']);
  });
});
