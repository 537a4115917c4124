/** Signing in through the real login page, shared by the setup project and the auth spec. */
import { expect, type Page } from '@playwright/test';
import { passwordOf } from './users-file';

export async function signIn(page: Page, username: 'admin' | 'viewer', next?: string): Promise<void> {
  if (next !== undefined || !page.url().includes('/login')) await page.goto(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(passwordOf(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: username, exact: true })).toBeVisible({ timeout: 30_000 });
}
