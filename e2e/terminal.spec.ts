/**
 * Terminals in Chromium against the demo scenario on sandbox-east: a shell that prints the pod's name, resize,
 * exit code and Reconnect, a distroless container, a viewer's disabled buttons, a failed exec that leaves the live
 * list alone, and "Open" on a port served from an opaque origin that cannot reach the console's API.
 * The terminal's text is read through xterm's screen-reader mode (the region named "Terminal").
 */
import { expect, test, type Page } from '@playwright/test';
import { gotoReady, kubectl, runInTerminal as run, terminal, terminalStatus as status } from './ui-helpers';
import { signIn } from './auth-helpers';

const CLUSTER = 'sandbox-east';
// sandbox start-up, page loads and typing share a busy 2-core machine with the other suites
test.describe.configure({ timeout: 180_000 });
const signedOut = { cookies: [], origins: [] };

function podOf(ns: string, app: string): string {
  const name = kubectl(CLUSTER, ['get', 'pods', '-n', ns, '-l', `app=${app}`, '-o', 'jsonpath={.items[0].metadata.name}']).trim();
  expect(name).not.toBe('');
  return name;
}


async function openShell(page: Page, url: string) {
  await gotoReady(page, url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(status(page)).toContainText('Connected (v5.channel.k8s.io)');
  await expect(terminal(page)).toContainText('#');
}

test('a shell prints the pod name, follows resizes, and shows the exit code with Reconnect', async ({ page }) => {
  const pod = podOf('shop', 'frontend');
  await openShell(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=terminal`);
  // keyboard focus is in the terminal: what is pasted and typed goes straight to the shell
  // one input event per command (a paste-like insert; the terminal has focus, so it goes to the shell)
  await run(page, 'echo "host: $HOSTNAME"');
  await expect(terminal(page)).toContainText(`host: ${pod}`);

  const size = async () => {
    const marker = `size-${Math.random().toString(36).slice(2, 8)}`;
    await run(page, `echo ${marker} $(stty size)`);
    const re = new RegExp(`${marker} (\\d+ \\d+)`, 'g');
    let found = '';
    // the last match: the typed command line itself carries the marker but no numbers
    await expect.poll(async () => ((found = [...((await terminal(page).textContent()) ?? '').matchAll(re)].at(-1)?.[1] ?? ''), found)).not.toBe('');
    return found;
  };
  const before = await size();
  await page.setViewportSize({ width: 900, height: 650 });
  await expect.poll(size).not.toBe(before);

  await run(page, 'exit 7');
  await expect(status(page)).toHaveText('Process exited with code 7');
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await expect(status(page)).toContainText('Connected');
});

// FIXME: in the e2e console the sandbox answers this pod's exec with 400 "container not found" instead of the
// runtime's "executable file not found" that server/exec/relay.test.ts gets from the same pod spec; the UI shows
// that error verbatim. Skipped until the sandbox exec (h/exec) agrees in both set-ups.
test('a distroless container falls back with a clear message', async ({ page }) => {
  const name = `distroless-${Date.now() % 100000}`;
  // the image's own binary (a distroless image has no sleep or sh to run)
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'gcr.io/distroless/static:nonroot', command: ['/app'] }] } };
  kubectl(CLUSTER, ['create', '-f', '-'], JSON.stringify(pod));
  await expect.poll(() => kubectl(CLUSTER, ['get', 'pod', name, '-n', 'default', '-o', 'jsonpath={.status.phase}']), { timeout: 90_000 }).toBe('Running');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/default/${name}?tab=terminal`);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(status(page)).toContainText('This container has no shell');
  await expect(status(page)).toContainText('Debug');
  await expect(page.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  kubectl(CLUSTER, ['delete', 'pod', name, '-n', 'default', '--wait=false']);
});

test('a failed exec leaves the live pod list alone', async ({ page }) => {
  const pod = podOf('shop', 'frontend');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=terminal`);
  await page.getByRole('radio', { name: 'Command' }).check();
  await page.getByRole('textbox', { name: 'Command' }).fill('no-such-program --flag');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(status(page)).toContainText(/no shell|not found/);
  // the live connection is untouched: the list, reached without a reload, still follows changes
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('live');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Pods' }).click();
  const name = `live-after-exec-${Date.now() % 100000}`;
  kubectl(CLUSTER, ['run', name, '-n', 'shop', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', '600']);
  await page.getByRole('textbox', { name: 'Filter' }).fill(name);
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible({ timeout: 60_000 });
  kubectl(CLUSTER, ['delete', 'pod', name, '-n', 'shop', '--wait=false']);
});

test('Open shows a port through the proxy in an opaque origin that cannot call the console API', async ({ page, context }) => {
  const pod = podOf('shop', 'frontend');
  await gotoReady(page, `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}`);
  // the console's own page can read its API (the control for the check below)
  expect(await page.evaluate(() => fetch('/api/auth/session').then((r) => r.status))).toBe(200);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open' }).first().click()]);
  await expect(popup.getByRole('heading', { name: 'Welcome to nginx!' })).toBeVisible();
  // a script in the proxied page runs with an opaque origin: no cookies, no storage, and the console's API refuses it
  const probe = await popup.evaluate(async () => {
    const out: Record<string, string> = { origin: self.origin };
    try {
      out.cookie = document.cookie;
    } catch (e) {
      out.cookie = `blocked: ${(e as Error).name}`;
    }
    try {
      const r = await fetch('/api/auth/session', { credentials: 'include' });
      out.api = `read ${r.status}: ${await r.text()}`;
    } catch (e) {
      out.api = `blocked: ${(e as Error).name}`;
    }
    return out;
  });
  expect(probe).toEqual({ origin: 'null', cookie: 'blocked: SecurityError', api: 'blocked: TypeError' });
  await popup.close();
});

test.describe('a viewer', () => {
  test.use({ storageState: signedOut });

  test('sees Connect and Debug disabled with the reason', async ({ page }) => {
    const pod = podOf('shop', 'frontend');
    await signIn(page, 'viewer', `/c/${CLUSTER}/r/core/v1/pods/shop/${pod}?tab=terminal`);
    await expect(page.getByRole('button', { name: 'Connect' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Connect' })).toHaveAttribute('title', /not allowed to create pods\/exec/);
    await expect(page.getByRole('button', { name: 'Debug' })).toBeDisabled();
    await expect(page.getByText(/not allowed to create pods\/exec/).first()).toBeVisible();
  });
});
