/**
 * Sign-in, sessions and RBAC in the browser, against the console in its default auth mode (local) with
 * the users playwright.config.ts wrote: `admin` (system:masters, console admin) and `viewer` (wheelhouse:viewers →
 * the sandbox's `view` ClusterRole). Signed-out tests start from an empty browser; the rest from the setup
 * project's admin session.
 */
import { test, expect } from '@playwright/test';
import { signIn } from './auth-helpers';
import { kubectl } from './ui-helpers';
import { passwordOf } from './users-file';

const CLUSTER = 'sandbox-east';
const signedOut = { cookies: [], origins: [] };

test.describe('signed out', () => {
  test.use({ storageState: signedOut });

  test('a wrong password is refused with the server’s message', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'Username', exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('tabpanel').getByRole('alert')).toHaveText('invalid username or password');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a page asks for a sign-in and comes back; sign out ends the session; an ended session says it expired', async ({ page, context }) => {
    const here = `/c/${CLUSTER}/r/core/v1/pods?ns=shop`;
    await page.goto(here);
    await expect(page).toHaveURL(`/login?next=${encodeURIComponent(here)}`);
    await expect(page.getByText('Your session expired')).toHaveCount(0);
    await signIn(page, 'admin');
    await expect(page).toHaveURL(here);
    const pods = page.getByRole('grid', { name: 'Pods' });
    await expect(pods.getByRole('link', { name: /^frontend-/ }).first()).toBeVisible();
    // an admin may delete what it selects (the viewer below may not)
    await pods.getByRole('checkbox', { name: 'Select all' }).check();
    await expect(page.getByRole('button', { name: /Delete selected/ })).toBeEnabled();
    await pods.getByRole('checkbox', { name: 'Select all' }).uncheck();

    await page.getByRole('button', { name: 'admin', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Groups' })).toHaveText('system:masters');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL('/login');
    await expect(page.getByText('Your session expired')).toHaveCount(0);
    expect((await page.request.get('/api/clusters')).status()).toBe(401);

    // ?next= is only ever a path of this console
    await signIn(page, 'admin', '//evil.example/phish');
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { name: 'Clusters', level: 1 })).toBeVisible();

    // the server forgets this browser's session (as after the idle timeout): the next API answer is a 401
    await context.clearCookies();
    await page.reload();
    await expect(page).toHaveURL('/login?reason=expired');
    await expect(page.getByRole('status')).toHaveText(/Your session expired/);
  });

  test('a viewer sees pods but may not scale, delete or list secrets', async ({ page }) => {
    await signIn(page, 'viewer', `/c/${CLUSTER}/r/apps/v1/deployments/shop/frontend`);
    await expect(page.getByRole('heading', { name: 'frontend', level: 1 })).toBeVisible();
    for (const control of [page.getByRole('slider', { name: 'Replicas' }), page.getByRole('spinbutton', { name: 'Replicas count' }), page.getByRole('button', { name: 'Delete' })]) {
      await expect(control).toBeDisabled();
      await expect(control).toHaveAccessibleDescription(/not allowed|forbidden/i);
    }
    // the reason is on the page as text, not only in a tooltip
    await expect(page.getByRole('toolbar', { name: 'Actions' }).getByText(/not allowed to delete|forbidden/i)).toBeVisible();

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Pods', exact: true }).click();
    const pods = page.getByRole('grid', { name: 'Pods' });
    await expect(pods.getByRole('link', { name: /^frontend-/ }).first()).toBeVisible();
    // bulk delete of what the viewer selected is refused before asking, with the reason
    await pods.getByRole('checkbox', { name: 'Select all' }).check();
    const bulk = page.getByRole('button', { name: /Delete selected/ });
    await expect(bulk).toBeDisabled();
    await expect(bulk).toHaveAccessibleDescription(/not allowed to delete pods|forbidden/i);
    await expect(nav.getByRole('link', { name: 'ConfigMaps', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Secrets', exact: true })).toHaveCount(0);

    await page.goto('/audit');
    await expect(page.getByText('Only console admins can read the audit log')).toBeVisible();
  });

  test('a Kubernetes token signs in as its service account', async ({ page }) => {
    const sa = `e2e-token-${Date.now().toString(36)}`;
    kubectl(CLUSTER, ['create', 'serviceaccount', sa, '-n', 'default']);
    try {
      const token = kubectl(CLUSTER, ['create', 'token', sa, '-n', 'default']).trim();
      await page.goto('/login');
      await page.getByRole('tab', { name: 'Use a Kubernetes token' }).click();
      await page.getByRole('textbox', { name: 'Kubernetes token' }).fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: `system:serviceaccount:default:${sa}`, exact: true }).click();
      await expect(page.getByRole('list', { name: 'Groups' })).toContainText('system:serviceaccounts:default');
      // a token session is never a console admin
      await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    } finally {
      kubectl(CLUSTER, ['delete', 'serviceaccount', sa, '-n', 'default', '--wait=false']);
    }
  });
});

test('an admin reads the audit log, with the viewer’s sign-in in it', async ({ page, playwright, baseURL }) => {
  // the viewer signs in (through the API, as a browser would: with the console's Origin)
  // its own cookie jar: the config's storageState would otherwise hand it the admin cookie, and a login replaces
  // (revokes) the session it is sent with — the session every other spec shares
  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! }, storageState: signedOut });
  const login = await viewer.post('/api/auth/login', { data: { username: 'viewer', password: passwordOf('viewer') } });
  expect(login.status()).toBe(200);
  expect((await viewer.get('/api/audit')).status()).toBe(403);
  await viewer.dispose();

  await page.goto('/');
  await page.getByRole('button', { name: 'admin', exact: true }).click();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL('/audit');
  await page.getByRole('searchbox', { name: 'Text' }).fill('viewer');
  const rows = page.getByRole('table', { name: 'Audit log' }).getByRole('row');
  await expect(rows.filter({ has: page.getByRole('cell', { name: 'login', exact: true }) }).filter({ has: page.getByRole('cell', { name: 'viewer', exact: true }) }).first()).toBeVisible();
});
