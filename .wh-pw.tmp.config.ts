import { defineConfig } from '@playwright/test';
// TEMPORARY (ui helper): run e2e against an already running dev server. Deleted before the report.
export default defineConfig({
  testDir: 'e2e',
  outputDir: '/tmp/wh-ui-test-results',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3457',
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] },
  },
});
