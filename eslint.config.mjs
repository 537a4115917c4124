import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';

const ROOT = import.meta.dirname;
const inside = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);

/**
 * The sandbox is its own package (@wheelhouse/sandbox): it may import itself, lib/k8s/machinery and npm
 * packages, never console code; the console reaches it only through the package's entries.
 */
function boundaryRule(check) {
  return {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const from = path.relative(ROOT, context.filename).split(path.sep).join('/');
      const visit = (node) => {
        const spec = node.source?.value;
        if (typeof spec !== 'string') return;
        let target;
        if (spec.startsWith('.')) target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
        else if (spec.startsWith('@/')) target = spec.slice(2);
        const message = check(from, target, spec);
        if (message) context.report({ node: node.source, message });
      };
      return { ImportDeclaration: visit, ImportExpression: visit, ExportAllDeclaration: visit, ExportNamedDeclaration: visit };
    },
  };
}

const boundaries = {
  rules: {
    'sandbox-imports': boundaryRule((_from, target, spec) =>
      target !== undefined && !inside(target, 'server/sandbox') && !inside(target, 'lib/k8s/machinery')
        ? `the sandbox package may import only itself and lib/k8s/machinery, not "${spec}"`
        : undefined,
    ),
    'console-imports': boundaryRule((_from, target, spec) =>
      target !== undefined && inside(target, 'server/sandbox')
        ? `reach the sandbox through '@wheelhouse/sandbox' (or '@wheelhouse/sandbox/testing' in tests), not "${spec}"`
        : undefined,
    ),
  },
};

const ADDRESS_HELP = 'build it with lib/k8s/client (resourceUrl, apiUrls, k8sQueries, objectKey…), the one resource-access layer';
/** Selectors for an `/api/...` URL or a query key written by hand (exported for eslint-rules.test.ts). */
export const HAND_BUILT_ADDRESSES = [
  { selector: 'Literal[value=/^\\/api(\\/|$)/]', message: `A BFF URL written by hand: ${ADDRESS_HELP}` },
  { selector: 'TemplateLiteral[quasis.0.value.raw=/^\\/api(\\/|$)/]', message: `A BFF URL built by hand: ${ADDRESS_HELP}` },
  { selector: "ArrayExpression[elements.0.value='k8s']", message: `A query key built by hand: ${ADDRESS_HELP}` },
  { selector: "ArrayExpression[elements.0.value='api']", message: `A query key built by hand: ${ADDRESS_HELP}` },
  { selector: "ArrayExpression[elements.0.type='SpreadElement'][elements.0.argument.callee.object.name='k8sKeys']", message: `A query key extended by hand: ${ADDRESS_HELP}` },
  { selector: "ArrayExpression[elements.0.type='SpreadElement'][elements.0.argument.callee.name=/^(objectKey|listKey|scopeKey)$/]", message: `A query key extended by hand: add a factory to lib/k8s/client/queries.ts` },
  { selector: "ImportDeclaration[source.value=/query-keys$/]", message: `Query keys come from lib/k8s/client (objectKey, listKey, k8sQueries), not from the key factory directly` },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.next/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', '.wheelhouse/**', '**/*.generated.*', '**/gen/data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // the browser side never imports server code (ARCHITECTURE: app/ and components/ never import from server/)
    files: ['app/**', 'components/**', 'lib/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '@/server/**'], message: 'app/, components/ and lib/ never import from server/' }] }],
    },
  },
  {
    files: ['server/sandbox/**/*.{ts,tsx,mts}'],
    plugins: { boundaries },
    rules: { 'boundaries/sandbox-imports': 'error' },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['server/sandbox/**'],
    plugins: { boundaries },
    rules: { 'boundaries/console-imports': 'error' },
  },
  {
    // component and hook tests talk to a real data plane and sandbox through server/**/testing helpers
    files: ['app/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'lib/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // one way to reach a Kubernetes object from the browser: URLs and query keys come from lib/k8s/client only
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...HAND_BUILT_ADDRESSES],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
