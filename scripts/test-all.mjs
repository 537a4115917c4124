#!/usr/bin/env node
// `npm test`: typecheck, lint, vitest (unit + integration), production build, Playwright e2e in Debian's
// Chromium. Every step runs even when an earlier one fails, each runner prints its own summary, and the
// last line is the overall count. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-test-'));
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (step) => only.length === 0 || only.includes(step);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// every console the tests start gets a new embedded store: copy one empty PGlite cluster (made once, named by the
// PGlite version) instead of running its initdb each time (server/store/pglite-template.ts)
const pgliteVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version;
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  FORCE_COLOR: '0',
  WHEELHOUSE_PGLITE_TEMPLATE: process.env.WHEELHOUSE_PGLITE_TEMPLATE ?? path.join(os.tmpdir(), `wheelhouse-pglite-template-${pgliteVersion}.tgz`),
};
const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - t0) / 1000) });
  return ok;
}

if (want('typecheck')) {
  const ok = run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (ok) passed++;
  else failed++;
}
if (want('lint')) {
  const ok = run('lint', bin('eslint'), ['.', '--max-warnings=0']);
  if (ok) passed++;
  else failed++;
}
// the production build comes first: vitest's server tests and Playwright both run the built app
let built = true;
if (want('unit') || want('e2e')) {
  built = run('build', process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build']);
  if (!built) failed++;
}
if (want('unit')) {
  const report = path.join(out, 'vitest.json');
  const ok = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (fs.existsSync(report)) {
    const j = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (ok || j.numFailedTests ? 0 : 1);
    skipped += j.numPendingTests + j.numTodoTests;
  } else if (!ok) failed++;
}
if (want('e2e')) {
  if (built) {
    const report = path.join(out, 'playwright.json');
    const port = await freePort();
    const ok = run('e2e', bin('playwright'), ['test'], { E2E_PORT: String(port), PLAYWRIGHT_JSON_OUTPUT_NAME: report });
    if (fs.existsSync(report)) {
      const s = JSON.parse(fs.readFileSync(report, 'utf8')).stats ?? {};
      passed += s.expected ?? 0;
      failed += (s.unexpected ?? 0) + (ok || s.unexpected ? 0 : 1);
      skipped += s.skipped ?? 0;
      const flaky = s.flaky ?? 0;
      passed += flaky;
    } else if (!ok) failed++;
  }
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds}s)`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
