/**
 * Sessions across browsers: "Sign out everywhere" in one browser ends the same user's session in another browser
 * (the revocation lives in the state store, so it would hold on every replica too).
 */
import { test, expect } from '@playwright/test';
import { signIn } from './auth-helpers';

test.use({ storageState: { cookies: [], origins: [] } });

test('"Sign out everywhere" ends the user’s session in every browser', async ({ page, browser }) => {
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const second = await other.newPage();
    await signIn(second, 'viewer');
    await signIn(page, 'viewer');
    expect((await second.request.get('/api/clusters')).status()).toBe(200);

    await page.getByRole('button', { name: 'viewer', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page).toHaveURL('/login');
    expect((await page.request.get('/api/clusters')).status()).toBe(401);

    // the other browser's cookie is refused too: its next page load asks for a new sign-in
    expect((await second.request.get('/api/clusters')).status()).toBe(401);
    await second.reload();
    await expect(second).toHaveURL(/\/login/);
  } finally {
    await other.close();
  }
});
