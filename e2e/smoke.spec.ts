import { test, expect, type Request } from '@playwright/test';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLocal(req: Request): boolean {
  const u = new URL(req.url());
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return LOOPBACK.has(u.hostname);
}

test('the shell renders with no console errors and no request off this machine', async ({ page, context }) => {
  const foreign: string[] = [];
  const errors: string[] = [];
  context.on('request', (req) => {
    if (!isLocal(req)) foreign.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Toggle theme' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(foreign, `requests to other hosts: ${foreign.join(', ')}`).toEqual([]);
  expect(errors, `console errors: ${errors.join('\n')}`).toEqual([]);
});

test('the theme toggle switches between light and dark', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const before = await html.getAttribute('class');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(html).not.toHaveAttribute('class', before ?? '');
});

test('health and readiness endpoints answer', async ({ request }) => {
  expect((await request.get('/api/healthz')).status()).toBe(200);
  expect((await request.get('/api/readyz')).status()).toBe(200);
  const notFound = await request.get('/api/no-such-route');
  expect(notFound.status()).toBe(404);
  expect(await notFound.json()).toMatchObject({ status: 404, reason: 'NotFound' });
});
