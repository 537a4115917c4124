/**
 * The lint rule that keeps lib/k8s/client the only way to address an object: a component that writes an
 * `/api/...` URL or a query key by hand fails `npm run lint`. Checked here against the project's own config, so
 * the rule cannot quietly stop matching (`npm run lint` checks the tree with it).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function flagged(code: string, file = 'components/example/example.tsx'): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no hand-built URL or query key outside lib/k8s/client', () => {
  it('flags URLs and keys written by hand in components and app', async () => {
    const cases = [
      "export const u = '/api/clusters';",
      'export const u = (c: string) => `/api/clusters/${c}/resources/core/v1/pods`;',
      "export const k = ['k8s', 'east', 'v1', 'pods'];",
      "export const k = ['api', 'audit', 10];",
      "import { objectKey } from '@/lib/k8s/client';\nexport const k = [...objectKey({ cluster: 'c', group: '', version: 'v1', resource: 'pods', name: 'x' }), 'mine'];",
      "import { k8sKeys } from '@/lib/k8s/query-keys';\nexport const k = [...k8sKeys.cluster('c'), 'mine'];",
    ];
    for (const code of cases) expect(await flagged(code), code).not.toEqual([]);
    expect(await flagged("export const u = '/api/clusters';", 'app/c/page.tsx')).not.toEqual([]);
  }, 60_000);

  it('leaves the layer itself, page links and other strings alone', async () => {
    expect(await flagged("import { resourceUrl } from '@/lib/k8s/client';\nexport const u = resourceUrl({ cluster: 'c', group: '', version: 'v1', resource: 'pods' });")).toEqual([]);
    expect(await flagged("export const href = '/c/east/r/core/v1/pods'; export const s = 'api'; export const a = ['pods', 'k8s'];")).toEqual([]);
    expect(await flagged("export const u = '/api/clusters';", 'lib/k8s/client/url.ts')).toEqual([]);
  }, 60_000);
});
