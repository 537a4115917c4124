import { describe, expect, it } from 'vitest';
import { matchesSelector, parseLabelSelector } from './label-selector';

const m = (sel: string, labels?: Record<string, string>) => matchesSelector(parseLabelSelector(sel), labels);

describe('label selectors', () => {
  it('supports equality, inequality and existence', () => {
    expect(m('app=web', { app: 'web' })).toBe(true);
    expect(m('app==web', { app: 'db' })).toBe(false);
    expect(m('app!=web', {})).toBe(true);
    expect(m('app!=web', { app: 'web' })).toBe(false);
    expect(m('app', { app: '' })).toBe(true);
    expect(m('!app', { app: 'x' })).toBe(false);
    expect(m('', undefined)).toBe(true);
  });
  it('supports set-based requirements combined with AND', () => {
    expect(m('tier in (a, b),app.kubernetes.io/name=x', { tier: 'b', 'app.kubernetes.io/name': 'x' })).toBe(true);
    expect(m('tier notin (a,b)', { tier: 'b' })).toBe(false);
    expect(m('tier notin (a,b)', {})).toBe(true);
    expect(m('tier in (a),env=prod', { tier: 'a', env: 'dev' })).toBe(false);
  });
  it('rejects malformed selectors', () => {
    for (const bad of ['a=b=c', 'a in b', ',', 'a=(x)', '%=1']) expect(() => parseLabelSelector(bad)).toThrow();
  });
});
