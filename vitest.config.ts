import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['{lib,server,components,app,bench,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // integration tests start sandbox clusters on loopback: keep the 2-core machine from thrashing
    maxWorkers: 2,
    reporters: ['default'],
  },
});
