import { describe, expect, it } from 'vitest';
import { podInfo, selectorString } from './pod-source';
import { matchesSelector, parseLabelSelector } from '../watch/label-selector';

describe('selectorString', () => {
  it('turns matchLabels and matchExpressions into a selector the hub matcher understands', () => {
    const sel = selectorString({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
      ],
    });
    expect(sel).toBe('app=web,tier in (a,b),!canary,zone');
    const reqs = parseLabelSelector(sel);
    expect(matchesSelector(reqs, { app: 'web', tier: 'b', zone: 'x' })).toBe(true);
    expect(matchesSelector(reqs, { app: 'web', tier: 'c', zone: 'x' })).toBe(false);
    expect(matchesSelector(reqs, { app: 'web', tier: 'a', zone: 'x', canary: '1' })).toBe(false);
  });
  it('lists init, app and ephemeral containers in spec order', () => {
    expect(podInfo({ metadata: { name: 'p' }, spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }, { name: 'b' }], ephemeralContainers: [{ name: 'dbg' }] } }).containers).toEqual(['i', 'a', 'b', 'dbg']);
  });
});
