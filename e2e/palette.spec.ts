import { test, expect } from '@playwright/test';
import { gotoReady } from './ui-helpers';

test.describe('command palette', () => {
  test('Ctrl+K finds an object in the other cluster', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-east');
    await expect(page.getByRole('heading', { name: 'sandbox-east', level: 1 })).toBeVisible();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    // the schema-registry deployment exists only in sandbox-west
    await palette.getByRole('combobox').fill('schema-regis');
    const option = palette.getByRole('option', { name: /Deployment.*data\/schema-registry.*sandbox-west/ });
    await expect(option).toBeVisible();
    await option.click();
    await expect(page).toHaveURL(/\/c\/sandbox-west\/r\/apps\/v1\/deployments\/data\/schema-registry$/);
    await expect(palette).toBeHidden();
  });

  test('jumps to a kind from the keyboard', async ({ page }) => {
    await gotoReady(page, '/c/sandbox-west');
    await page.getByRole('button', { name: /Search/ }).click();
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('Deployments');
    await expect(palette.getByRole('option', { name: /Deployments.*sandbox-west/ })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/c\/sandbox-west\/r\/apps\/v1\/deployments$/);
  });

  test('Escape closes it', async ({ page }) => {
    await gotoReady(page, '/');
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden();
  });
});
