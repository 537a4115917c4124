/**
 * Setup project: sign in as `admin` through the login page once and save the browser state; the `chromium`
 * project starts every spec from it (playwright.config.ts), so the specs run logged in without knowing it.
 */
import { test as setup } from '@playwright/test';
import { signIn } from './auth-helpers';
import { adminStorageState } from './users-file';

setup('sign in as admin', async ({ page }) => {
  await signIn(page, 'admin');
  await page.context().storageState({ path: adminStorageState() });
});
