import { describe, expect, it } from 'vitest';
import { canonicalFieldSelector, matchesFields, parseFieldSelector } from './field-selector';
import type { Obj } from '../k8s/strip';
import { filterCatchUp, filterLive, makeView, viewId } from './views';

const o = (name: string, namespace?: string, rv = '1'): Obj => ({ metadata: { name, namespace, resourceVersion: rv } });
const m = (sel: string, obj: Obj) => matchesFields(parseFieldSelector(sel), obj);

describe('field selectors', () => {
  it('matches metadata.name and metadata.namespace with =, == and !=, comma = AND', () => {
    expect(m('metadata.name=a', o('a', 'x'))).toBe(true);
    expect(m('metadata.name==a', o('b', 'x'))).toBe(false);
    expect(m('metadata.name!=a', o('b', 'x'))).toBe(true);
    expect(m('metadata.namespace=x,metadata.name=a', o('a', 'x'))).toBe(true);
    expect(m('metadata.namespace=x, metadata.name=a', o('a', 'y'))).toBe(false);
    expect(m('metadata.namespace=', o('node-1'))).toBe(true);
    expect(m('', o('a'))).toBe(true);
  });

  it('refuses other fields and malformed requirements with a readable message', () => {
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(/status\.phase.*not supported.*metadata\.name/);
    expect(() => parseFieldSelector('spec.nodeName=n1')).toThrow(/not supported/);
    for (const bad of ['metadata.name', 'metadata.name in (a)', ',', 'metadata.name=a=b', 'metadata.name=a b']) expect(() => parseFieldSelector(bad)).toThrow();
  });

  it('spells equal selectors one way, so they share a view', () => {
    const a = canonicalFieldSelector(parseFieldSelector('metadata.namespace=x,metadata.name==a'));
    expect(a).toBe(canonicalFieldSelector(parseFieldSelector(' metadata.name=a ,metadata.namespace=x')));
    expect(viewId('f', 'x', undefined, a)).not.toBe(viewId('f', 'x', undefined));
    expect(viewId('f', 'x', undefined, undefined)).toBe(viewId('f', 'x', undefined));
  });

  it('filters a view statically: only the named object, its deletion included', () => {
    const v = makeView('s', 'x', undefined, [o('a', 'x'), o('b', 'x')], parseFieldSelector('metadata.name=a'));
    const out = filterLive(v, [
      { type: 'MODIFIED', object: o('a', 'x', '2') },
      { type: 'MODIFIED', object: o('b', 'x', '3') },
      { type: 'ADDED', object: o('a', 'y', '4') },
      { type: 'DELETED', object: o('a', 'x', '5') },
    ]);
    expect(out.map((e) => `${e.type}:${e.object.metadata.namespace}/${e.object.metadata.name}`)).toEqual(['MODIFIED:x/a', 'DELETED:x/a']);
    expect(filterCatchUp(v, [{ type: 'ADDED', object: o('b', 'x') }, { type: 'ADDED', object: o('a', 'x') }]).map((e) => e.object.metadata.name)).toEqual(['a']);
  });
});
