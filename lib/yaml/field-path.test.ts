import { describe, expect, it } from 'vitest';
import { locateField, parseFieldPath } from './field-path';
import { parseYaml } from './limits';

const text = `apiVersion: v1
kind: Service
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
`;

describe('parseFieldPath', () => {
  it('splits dots, indices and bracketed keys', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});

describe('locateField', () => {
  const doc = parseYaml(text).docs[1].doc;
  it('finds the line of a nested field in a later document', () => {
    expect(locateField(text, doc, 'spec.template.spec.containers[0].image')).toMatchObject({ line: 15, exact: true });
    expect(locateField(text, doc, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({ line: 9, exact: true });
  });
  it('falls back to the deepest existing parent', () => {
    expect(locateField(text, doc, 'spec.selector')).toMatchObject({ line: 10, exact: false });
  });
});

describe('causesToLines', () => {
  it('maps each 422 cause to the line of its field in its document', async () => {
    const { causesToLines } = await import('./causes');
    const parsed = parseYaml(text);
    const lines = causesToLines(text, parsed.docs[1], {
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' },
        { reason: 'FieldValueInvalid', message: 'Invalid value', field: 'metadata.name' },
        { reason: 'FieldValueRequired', message: 'Required value' },
      ],
    }, 'Deployment is invalid');
    expect(lines.map((l) => l.line)).toEqual([15, 7, 4]);
    expect(lines[0].message).toBe('spec.template.spec.containers[0].image: Required value');
  });
});
