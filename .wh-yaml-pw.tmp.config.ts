import { defineConfig } from '@playwright/test';
// TEMPORARY (yaml helper): run e2e/yaml.spec.ts against an already running server. Deleted before the report.
process.env.E2E_KUBECONFIG = '/tmp/wh-yaml-dev/sandbox.kubeconfig';
export default defineConfig({
  testDir: 'e2e',
  outputDir: '/tmp/wh-yaml-test-results',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['line']],
  use: {
    baseURL: 'http://127.0.0.1:3931',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] },
  },
});
