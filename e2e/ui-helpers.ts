import { expect, type Page } from '@playwright/test';

/**
 * Navigate and wait until the app is interactive: the connection indicator says "live" only once the
 * client code runs and the socket is up, so clicks and keys after this reach React handlers.
 */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('live', { timeout: 30_000 });
}
