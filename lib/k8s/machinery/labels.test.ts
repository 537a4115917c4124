import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileSelector,
  formatLabels,
  labelSelectorToString,
  matchesLabelSelector,
  matchesMapSelector,
  matchesRequirements,
  parseSelector,
  requirementsToString,
  SelectorError,
} from './labels';

const m = (sel: string, labels?: Record<string, string>) => matchesRequirements(parseSelector(sel), labels);

describe('parseSelector and matching', () => {
  it.each<[string, Record<string, string> | undefined, boolean]>([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'db' }, false],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['app', { app: '' }, true],
    ['!app', { app: 'x' }, false],
    ['', undefined, true],
    ['tier in (a, b),app.kubernetes.io/name=x', { tier: 'b', 'app.kubernetes.io/name': 'x' }, true],
    ['tier notin (a,b)', { tier: 'b' }, false],
    ['tier notin (a,b)', {}, true],
    ['tier in (a),env=prod', { tier: 'a', env: 'dev' }, false],
    ['n>3', { n: '5' }, true],
    ['n<3', { n: '5' }, false],
    ['n>3', { n: 'five' }, false],
    ['app in (a,b),!x,tier', { app: 'b', tier: '1' }, true],
  ])('%s on %j = %s', (sel, labels, want) => expect(m(sel, labels)).toBe(want));

  it('rejects malformed selectors with the API server\'s messages', () => {
    for (const bad of ['a=b=c', 'a in b', ',', 'a=(x)', '%=1', 'a in ()', 'a=b,', 'a b']) expect(() => parseSelector(bad), bad).toThrow(SelectorError);
    expect(() => parseSelector('-bad=1')).toThrow(/invalid label key "-bad"/);
    expect(() => parseSelector('a=-x')).toThrow(/values\[0\]\[-x\]: Invalid value/);
  });

  it('compileSelector is undefined for an empty selector and a predicate otherwise', () => {
    expect(compileSelector('  ')).toBeUndefined();
    expect(compileSelector('a=1')!({ a: '1' })).toBe(true);
  });
});

describe('LabelSelector', () => {
  it('prints requirements sorted by key with sorted set values, as upstream String() does', () => {
    expect(
      labelSelectorToString({
        matchLabels: { tier: 'be', app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'zz', operator: 'DoesNotExist' },
          { key: 'canary', operator: 'Exists' },
          { key: 'gen', operator: 'Gt', values: ['2'] },
        ],
      }),
    ).toBe('app=web,canary,env in (dev,prod),gen>2,tier=be,!zz');
    expect(labelSelectorToString({ app: 'web' })).toBe('app=web');
    expect(labelSelectorToString(undefined)).toBe('');
    expect(labelSelectorToString({})).toBe('');
  });

  it('a missing selector matches nothing, an empty one everything; an empty map selector nothing', () => {
    expect(matchesLabelSelector(undefined, { a: '1' })).toBe(false);
    expect(matchesLabelSelector({}, { a: '1' })).toBe(true);
    expect(matchesMapSelector({}, { a: '1' })).toBe(false);
    expect(matchesMapSelector({ a: '1' }, { a: '1', b: '2' })).toBe(true);
  });

  it('an unknown operator is an error, not a silent match', () => {
    expect(() => matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Like' }] }, {})).toThrow(SelectorError);
  });

  it('formatLabels sorts and prints <none> for none', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels(undefined)).toBe('<none>');
  });
});

describe('properties', () => {
  const key = fc.constantFrom('app', 'tier', 'env', 'example.com/x', 'n');
  const val = fc.constantFrom('a', 'b', 'web', '1', '5');
  const labels = fc.dictionary(key, fc.oneof(val, fc.constant('')), { maxKeys: 4 });
  const selector = fc.record(
    {
      matchLabels: fc.dictionary(key, val, { maxKeys: 3 }),
      matchExpressions: fc.array(
        fc.record({ key, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.array(val, { minLength: 1, maxLength: 3 }) }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it('the string form of a LabelSelector selects exactly what the selector selects', () => {
    fc.assert(
      fc.property(selector, labels, (sel, l) => {
        expect(m(labelSelectorToString(sel), l)).toBe(matchesLabelSelector(sel, l));
      }),
    );
  });

  it('printing is canonical: parse ∘ print is a fixed point', () => {
    fc.assert(
      fc.property(selector, (sel) => {
        const s = labelSelectorToString(sel);
        expect(requirementsToString(parseSelector(s))).toBe(s);
      }),
    );
  });
});
