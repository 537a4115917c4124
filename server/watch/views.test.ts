import { describe, expect, it } from 'vitest';
import type { Obj } from '../k8s/strip';
import { parseSelector as parseLabelSelector } from '../../lib/k8s/machinery/labels';
import { filterCatchUp, filterLive, inListOrder, listOrder, makeView } from './views';

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

  it('listOrder: the first n, then the rest, is exactly the list order (ties by namespace, any input order)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const names = ['pod-2', 'pod-10', 'pod-1', 'api-7', 'Api-7', 'z', 'pod-10', 'ünïcode', 'web-3x', 'web-3'];
    const items: Obj[] = [];
    for (let i = 0; i < 600; i++) items.push(o(`${names[Math.floor(rnd() * names.length)]}-${Math.floor(rnd() * 50)}`, `ns-${i % 7}`));
    const unique = [...new Map(items.map((x) => [`${x.metadata.namespace}/${x.metadata.name}`, x])).values()];
    const want = inListOrder(unique).map((x) => `${x.metadata.namespace}/${x.metadata.name}`);
    for (const n of [1, 17, 250, unique.length, unique.length + 5]) {
      const ord = listOrder(unique);
      const got = [...ord.first(n), ...ord.rest()].map((x) => `${x.metadata.namespace}/${x.metadata.name}`);
      expect(got).toEqual(want);
    }
  });
});
