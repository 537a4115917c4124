import { describe, expect, it } from 'vitest';
import { nonEmptyDocs, parseYaml, YAML_LIMITS } from './limits';

describe('parseYaml', () => {
  it('parses multi-document YAML with line ranges per document', () => {
    const r = parseYaml('a: 1\n---\nkind: Service\nb: 2\n---\n');
    expect(r.limitError).toBeUndefined();
    const docs = nonEmptyDocs(r);
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { kind: 'Service', b: 2 }]);
    expect(docs[1].startLine).toBe(3);
  });

  it('reports syntax errors with 1-based lines', () => {
    const r = parseYaml('a: 1\nb: [1, 2\nc: 3\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys as errors', () => {
    expect(parseYaml('a: 1\na: 2\n').errors.length).toBe(1);
  });

  it('refuses input over 2 MiB', () => {
    const r = parseYaml(`a: "${'x'.repeat(YAML_LIMITS.maxBytes)}"`);
    expect(r.limitError).toMatch(/limit is 2 MiB/);
  });

  it('refuses nesting deeper than 100 levels (block and flow)', () => {
    let block = '';
    for (let i = 0; i < 101; i++) block += `${' '.repeat(i)}k:\n`;
    block += `${' '.repeat(101)}v: 1\n`;
    expect(parseYaml(block).limitError).toMatch(/limit is 100/);
    expect(parseYaml('['.repeat(150) + ']'.repeat(150)).limitError).toMatch(/deep/);
    expect(parseYaml('['.repeat(200_000) + ']'.repeat(200_000)).limitError).toMatch(/deep/);
    expect(parseYaml('['.repeat(99) + ']'.repeat(99)).limitError).toBeUndefined();
  });

  it('refuses a billion-laughs alias bomb', () => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) y += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const r = parseYaml(y);
    expect(r.limitError).toMatch(/aliases/);
  });

  it('allows a few aliases', () => {
    const r = parseYaml('a: &x {b: 1}\nc: *x\n');
    expect(r.limitError).toBeUndefined();
    expect(r.docs[0].value).toEqual({ a: { b: 1 }, c: { b: 1 } });
  });
});
