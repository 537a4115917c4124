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

test.describe('content security policy', () => {
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test('pages and /api carry the CSP; nothing violates it, the socket connects and Monaco runs its workers', async ({ page, request }) => {
  const violations: string[] = [];
  // securitypolicyviolation fires for every blocked script, style, worker, font, image or connection
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });

  for (const path of ['/', '/api/healthz']) {
    const r = await request.get(path);
    const csp = r.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("worker-src 'self' blob:");
    expect(csp, path).not.toContain('unsafe-eval');
    expect(r.headers()['x-content-type-options']).toBe('nosniff');
    expect(r.headers()['x-frame-options']).toBe('DENY');
    expect(r.headers()['referrer-policy']).toBe('no-referrer');
  }

  const main = await page.goto('/');
  expect(main?.headers()['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  // the socket.io WebSocket is allowed by connect-src 'self'
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/live/, { timeout: 30_000 });

  // Monaco and monaco-yaml's web workers under worker-src: completion comes from the YAML worker
  await page.goto('/c/sandbox-east/create');
  const editor = page.getByRole('region', { name: 'YAML editor' });
  await expect(editor.locator('.view-lines')).toContainText('ConfigMap', { timeout: 60_000 });
  await page.evaluate((t) => navigator.clipboard.writeText(t), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  ');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(page.locator('.suggest-widget')).toContainText('replicas', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  expect(violations, `CSP violations:\n${violations.join('\n')}`).toEqual([]);
});
});
