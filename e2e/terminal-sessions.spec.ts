/**
 * Terminals in Chromium, beyond a single pod: a Deployment's Terminal tab picks a pod, then a container, and the
 * shell runs there; signing out in another tab ends an open terminal (its page asks for a new sign-in, the process
 * is gone; server/exec/sessions.test.ts checks the terminal's own "signed out" end).
 * The terminal's text is read through xterm's screen-reader mode (the region named "Terminal").
 */
import { expect, test } from '@playwright/test';
import { gotoReady, kubectl, runInTerminal as run, terminal, terminalStatus as status } from './ui-helpers';
import { signIn } from './auth-helpers';

const CLUSTER = 'sandbox-east';
test.describe.configure({ timeout: 180_000 });


const runningPods = (ns: string, selector: string) =>
  kubectl(CLUSTER, ['get', 'pods', '-n', ns, '-l', selector, '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].metadata.name}'])
    .split(/\s+/)
    .filter(Boolean)
    .sort();

test('a Deployment’s Terminal tab picks a pod, then a container, and the shell runs there', async ({ page }) => {
  const name = `picker-${Date.now() % 100000}`;
  const container = (c: string) => ({ name: c, image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'WHICH', value: c }] });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container('app'), container('side')] } } },
  };
  kubectl(CLUSTER, ['create', '-f', '-'], JSON.stringify(deployment));
  try {
    await expect.poll(() => runningPods('default', `app=${name}`).length, { timeout: 90_000 }).toBe(2);
    const [, second] = runningPods('default', `app=${name}`) as [string, string];

    await gotoReady(page, `/c/${CLUSTER}/r/apps/v1/deployments/default/${name}`);
    await page.getByRole('tab', { name: 'Terminal' }).click();
    const podPicker = page.getByRole('combobox', { name: 'Pod' });
    await expect(podPicker.getByRole('option')).toHaveText(runningPods('default', `app=${name}`));
    await podPicker.selectOption(second);
    const containerPicker = page.getByRole('combobox', { name: 'Container' });
    await expect(containerPicker.getByRole('option')).toHaveText(['app', 'side']);
    await containerPicker.selectOption('side');
    await page.getByRole('button', { name: 'Connect' }).click();

    await expect(status(page)).toContainText('Connected');
    await expect(page.getByRole('tab', { name: '1: side (shell)' })).toHaveAttribute('aria-selected', 'true');
    await expect(terminal(page)).toContainText('#');
    await run(page, 'echo "where: $HOSTNAME/$WHICH"');
    await expect(terminal(page)).toContainText(`where: ${second}/side`);
  } finally {
    kubectl(CLUSTER, ['delete', 'deployment', name, '-n', 'default', '--wait=false']);
  }
});

test.describe('signing out', () => {
  // a session of its own: signing it out must not end the shared admin session of the other tests
  test.use({ storageState: { cookies: [], origins: [] } });

  test('ends an open terminal: its page asks for a new sign-in and the process is gone', async ({ page, context }) => {
    // busybox: its ps lists each process's arguments
    const pod = `signout-${Date.now() % 100000}`;
    kubectl(CLUSTER, ['run', pod, '-n', 'default', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', '3600']);
    await expect.poll(() => kubectl(CLUSTER, ['get', 'pod', pod, '-n', 'default', '-o', 'jsonpath={.status.phase}']), { timeout: 90_000 }).toBe('Running');
    const marker = String(4000 + (Date.now() % 1000));
    const ps = () => kubectl(CLUSTER, ['exec', pod, '-n', 'default', '--', 'ps']);
    await signIn(page, 'admin', `/c/${CLUSTER}/r/core/v1/pods/default/${pod}?tab=terminal`);
    await page.getByRole('radio', { name: 'Command' }).check();
    await page.getByRole('textbox', { name: 'Command' }).fill(`sleep ${marker}`);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(status(page)).toContainText('Connected');
    await expect.poll(ps, { timeout: 30_000 }).toContain(`sleep ${marker}`);

    // the same person signs out in another tab of the same browser
    const other = await context.newPage();
    await gotoReady(other, '/');
    await other.getByRole('button', { name: 'admin', exact: true }).click();
    await other.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(other).toHaveURL(/\/login/);

    // the terminal's tab learns it too (its live connection is ended with the session) and asks for a new sign-in
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect.poll(ps, { timeout: 30_000 }).not.toContain(`sleep ${marker}`);
    kubectl(CLUSTER, ['delete', 'pod', pod, '-n', 'default', '--wait=false']);
  });
});
