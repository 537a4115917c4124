import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { parseFieldSelector, parseLabelSelector, pinnedName } from './selectors';

const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', labels },
  ...extra,
});

describe('label selectors', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app!=web', { app: 'db' }, true],
    ['app!=web', {}, true],
    ['app in (web, db)', { app: 'db' }, true],
    ['app notin (web,db)', { app: 'db' }, false],
    ['app notin (web,db)', {}, true],
    ['app', { app: '' }, true],
    ['!app', { app: 'x' }, false],
    ['app,tier=be', { app: 'x', tier: 'be' }, true],
    ['app in (a,b),!x,tier', { app: 'b', tier: '1' }, true],
    ['n>3', { n: '5' }, true],
    ['n<3', { n: '5' }, false],
  ];
  it.each(cases)('%s on %j = %s', (sel, labels, want) => {
    expect(parseLabelSelector(sel)!(obj(labels))).toBe(want);
  });

  it('rejects malformed selectors with 400', () => {
    expect(() => parseLabelSelector('app=(x')).toThrowError(/unable to parse requirement|invalid label/);
    expect(() => parseLabelSelector('-bad=1')).toThrowError(/invalid label key/);
  });
});

describe('field selectors', () => {
  it('supports the per-resource fields and rejects others like a real server', () => {
    const pod = obj({}, { spec: { nodeName: 'n1' }, status: { phase: 'Running' } });
    expect(parseFieldSelector('', 'pods', 'spec.nodeName=n1,status.phase!=Pending')!(pod)).toBe(true);
    expect(parseFieldSelector('', 'pods', 'metadata.namespace==other')!(pod)).toBe(false);
    expect(() => parseFieldSelector('', 'configmaps', 'spec.nodeName=n1')).toThrowError('field label not supported: spec.nodeName');
    const ev = obj({}, { involvedObject: { kind: 'Deployment', name: 'web', uid: 'u1' } });
    expect(parseFieldSelector('', 'events', 'involvedObject.kind=Deployment,involvedObject.uid=u1')!(ev)).toBe(true);
    expect(pinnedName('metadata.name=x,spec.nodeName=y')).toBe('x');
  });
});
