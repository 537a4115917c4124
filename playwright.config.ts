import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { adminStorageState, ensureE2eUsers } from './e2e/users-file';

// scripts/test-all.mjs picks a free port; the config is evaluated in every worker too, so the port and data
// directory come from the environment rather than being chosen here.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `wheelhouse-e2e-${port}`);
process.env.E2E_DATA_DIR = dataDir;
// kubectl / API access to the sandboxes the console under test runs (contexts sandbox-east, sandbox-west)
process.env.E2E_KUBECONFIG = path.join(dataDir, 'sandbox.kubeconfig');
const baseURL = `http://127.0.0.1:${port}`;
// Login: the console runs in its default auth mode (local). Without E2E_ADMIN_PASSWORD a users file with
// `admin` and `viewer` and fresh passwords is written here (main process; workers inherit the env). The `setup`
// project signs in as admin through the login page once; every other spec starts from that saved session.
const usersFile = process.env.WHEELHOUSE_USERS_FILE ?? path.join(dataDir, 'users.json');
await ensureE2eUsers(usersFile);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { browserName: 'chromium' } },
    { name: 'chromium', dependencies: ['setup'], use: { browserName: 'chromium', storageState: adminStorageState() } },
  ],
  webServer: {
    command: 'node scripts/start.mjs --sandbox',
    url: `${baseURL}/api/readyz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // a context pointing at a closed port: the UI must show it unreachable while the sandboxes work
      KUBECONFIG: path.resolve('e2e/fixtures/unreachable.kubeconfig'),
      WHEELHOUSE_DATA_DIR: dataDir,
      WHEELHOUSE_USERS_FILE: usersFile,
      WHEELHOUSE_AUTH: 'local',
      WHEELHOUSE_SANDBOX_SPEED: '5',
    },
  },
});
