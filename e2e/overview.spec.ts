import { test, expect } from '@playwright/test';
import { gotoReady } from './ui-helpers';

test.describe('overview', () => {
  test('shows one card per cluster with live numbers', async ({ page }) => {
    await gotoReady(page, '/');
    const main = page.getByRole('main');
    for (const name of ['sandbox-east', 'sandbox-west']) {
      await expect(main.getByRole('link', { name, exact: true })).toBeVisible();
      const card = main.getByRole('article', { name: `Cluster ${name}` });
      await expect(card.getByText('connected', { exact: true })).toBeVisible();
      await expect(card.getByText(/^\d+\/\d+$/)).toBeVisible(); // nodes ready/total
      await expect(card.getByRole('meter', { name: 'CPU (cores) requests' })).toBeVisible();
      await expect(card.getByRole('meter', { name: 'Memory requests' })).toBeVisible();
      await expect(card.getByText(/workloads? with problems|No workloads with problems/)).toBeVisible();
    }
  });

  test('the page arrives with the cards and their figures in its HTML, and hydrates without errors', async ({ page }) => {
    // the console starts the summaries as clusters connect: once listed, a page load carries them
    await expect
      .poll(async () => {
        const html = await (await page.request.get('/')).text();
        // each card's own markup (up to its </article>) holds its figures (<dl>)
        const figures = (name: string) => new RegExp(`aria-label="Cluster ${name}"(?:(?!</article>)[\\s\\S])*<dl`).test(html);
        return figures('sandbox-east') && figures('sandbox-west');
      })
      .toBe(true);
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (err) => errors.push(err.message));
    await gotoReady(page, '/');
    const card = page.getByRole('main').getByRole('article', { name: 'Cluster sandbox-east' });
    await expect(card.getByText(/^\d+\/\d+$/)).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(errors, `console errors: ${errors.join('\n')}`).toEqual([]);
  });

  test('an unreachable cluster shows as unreachable while the others work', async ({ page }) => {
    await gotoReady(page, '/');
    const main = page.getByRole('main');
    const card = main.getByRole('article', { name: 'Cluster unreachable' });
    await expect(card.getByText('unreachable', { exact: true }).last()).toBeVisible();
    // the server's error text, verbatim
    await expect(card.getByRole('alert')).toContainText(/ECONNREFUSED|refused|did not answer/i);
    await expect(main.getByRole('article', { name: 'Cluster sandbox-west' }).getByText('Running')).toBeVisible();
  });

  test('needs attention lists problems that link to their object', async ({ page }) => {
    await gotoReady(page, '/');
    const region = page.getByRole('region', { name: 'Needs attention' });
    await expect(region).toBeVisible();
    const first = region.getByRole('link').first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page).toHaveURL(/\/c\/sandbox-(east|west)\/r\/[^/]+\/v\d\w*\/[a-z]+\/[^/]+\/[^/]+$/);
  });

  test('a card link leads to the cluster dashboard', async ({ page }) => {
    await gotoReady(page, '/');
    await page.getByRole('main').getByRole('link', { name: 'sandbox-west', exact: true }).click();
    await expect(page).toHaveURL(/\/c\/sandbox-west$/);
    await expect(page.getByRole('heading', { name: 'sandbox-west', level: 1 })).toBeVisible();
    await expect(page.getByRole('img', { name: /CPU capacity, requests and usage/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /Memory capacity, requests and usage/ })).toBeVisible();
    // the values at a time, from the keyboard
    const cpuValues = page.getByLabel('CPU values: arrow keys move along the time axis');
    await cpuValues.focus();
    await expect(cpuValues.getByRole('status')).toContainText(/Capacity\s*\d/);
    await cpuValues.press('Escape');
    await expect(cpuValues.getByRole('status')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Nodes' })).toBeVisible();
    await expect(page.getByRole('meter', { name: 'Deployments healthy' })).toBeVisible();
    // live events stream
    await expect(page.getByRole('region', { name: 'Recent events' }).getByRole('listitem').first()).toBeVisible();
  });
});
