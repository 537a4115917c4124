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
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
