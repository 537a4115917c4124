#!/usr/bin/env node
// `npm start`: build the Next.js app when no production build exists, then run the console server.
// Arguments after `--` go to the server (e.g. `npm start -- --no-sandbox`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dev = args.includes('--dev');

if (!dev && !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('wheelhouse: no production build found, running `next build` (first start only)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// WHEELHOUSE_CPU_PROF_DIR: the server writes a V8 CPU profile there when it exits (bench:ui's BENCH_UI_PROFILE)
const prof = process.env.WHEELHOUSE_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WHEELHOUSE_CPU_PROF_DIR}`] : [];
const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'server', 'main.ts'), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
