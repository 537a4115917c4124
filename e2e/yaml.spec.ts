/**
 * In-page YAML editing against the harness's sandbox clusters, with kubectl (E2E_KUBECONFIG) as the
 * "someone else" who changes objects meanwhile. Monaco is driven like a user would: keyboard, find/replace,
 * Ctrl+Space for completion.
 */
import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';

const CLUSTER = 'sandbox-east';
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
const run = Date.now().toString(36);

function kubectl(args: string[], input?: string): string {
  return execFileSync('kubectl', ['--kubeconfig', process.env.E2E_KUBECONFIG!, '--context', CLUSTER, ...args], { input, encoding: 'utf8' });
}

function deployment(ns: string, name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
}

function setup(ns: string, name: string, image: string) {
  kubectl(['create', 'namespace', ns]);
  kubectl(['apply', '-f', '-'], deployment(ns, name, image));
}

const editor = (page: Page) => page.getByRole('region', { name: 'YAML editor' });

async function openYamlTab(page: Page, ns: string, name: string) {
  await page.goto(`/c/${CLUSTER}/r/apps/v1/deployments/${ns}/${name}?tab=yaml`);
  await expect(editor(page).locator('.view-lines')).toContainText('kind: Deployment', { timeout: 60_000 });
}

/** Monaco's own find/replace widget (Ctrl+H), as a user would change one value. */
async function replaceAll(page: Page, find: string, replacement: string) {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+h');
  const findBox = page.getByRole('textbox', { name: 'Find', exact: true });
  await findBox.fill(find);
  const replaceBox = page.getByRole('textbox', { name: 'Replace', exact: true });
  await replaceBox.fill(replacement);
  await replaceBox.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

/** Replace the whole text of the editor by pasting it (typing would be re-indented by Monaco's auto-indent). */
async function setText(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
}

test('change a Deployment image, review the diff, apply, and the new rollout begins', async ({ page }) => {
  const ns = `yaml-a-${run}`;
  setup(ns, 'web', 'nginx:1.25.0');
  await openYamlTab(page, ns, 'web');
  await expect(editor(page)).not.toContainText('managedFields');
  await replaceAll(page, 'nginx:1.25.0', 'nginx:1.27.3');

  await page.getByRole('button', { name: 'Review changes' }).click();
  const diff = page.getByRole('region', { name: /Changes/ });
  await expect(diff).toContainText('nginx:1.27.3');
  await expect(diff).toContainText('nginx:1.25.0');

  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByText('Dry run passed')).toBeVisible();
  expect(kubectl(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25.0');

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText(/^Applied\. New resourceVersion/)).toBeVisible();
  // the new rollout: a second ReplicaSet with the new image appears
  await expect
    .poll(() => kubectl(['get', 'rs', '-n', ns, '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}{" "}{end}']), { timeout: 30_000 })
    .toContain('nginx:1.27.3');
  expect(kubectl(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.metadata.generation}'])).toBe('2');
});

test('a stale edit shows the banner, then a three-way view on 409, and the text survives a reload', async ({ page }) => {
  const ns = `yaml-b-${run}`;
  setup(ns, 'api', 'nginx:1.25.0');
  await openYamlTab(page, ns, 'api');
  await replaceAll(page, 'nginx:1.25.0', 'nginx:9.9.9');
  await expect(editor(page)).toContainText('nginx:9.9.9');

  // the draft is in sessionStorage and comes back after a reload
  await page.waitForTimeout(400); // the draft is written 200 ms after the last keystroke (debounce, not an event)
  await page.reload();
  await expect(page.getByText('Restored your unsaved edit')).toBeVisible({ timeout: 60_000 });
  await expect(editor(page)).toContainText('nginx:9.9.9');

  // someone else scales it meanwhile
  kubectl(['scale', 'deployment', 'api', '-n', ns, '--replicas=3']);
  await expect(page.getByRole('alert').filter({ hasText: 'changed on the server' })).toBeVisible();

  await page.getByRole('button', { name: 'Apply' }).click();
  const conflict = page.getByRole('region', { name: 'Conflict' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('region', { name: 'Your edit' })).toContainText('nginx:9.9.9');
  await expect(conflict.getByRole('region', { name: /Server now/ })).toContainText('replicas: 3');
  const merged = conflict.getByRole('region', { name: 'Merged result' });
  await expect(merged).toContainText('nginx:9.9.9');
  await expect(merged).toContainText('replicas: 3');
  // nothing was written
  expect(kubectl(['get', 'deploy', 'api', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25.0');

  await conflict.getByRole('button', { name: 'Use merged result' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText(/^Applied\. New resourceVersion/)).toBeVisible();
  expect(kubectl(['get', 'deploy', 'api', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'])).toBe('3 nginx:9.9.9');
});

test('invalid YAML is marked and Apply is disabled', async ({ page }) => {
  const ns = `yaml-c-${run}`;
  setup(ns, 'broken', 'nginx:1.25.0');
  await openYamlTab(page, ns, 'broken');
  const apply = page.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeEnabled();
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\nbad: [unclosed, list\n');
  await expect(editor(page).locator('.squiggly-error').first()).toBeAttached();
  await expect(apply).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Problems' })).toBeVisible();
});

test('completion offers replicas under a Deployment spec and a field of a custom resource', async ({ page }) => {
  await page.goto(`/c/${CLUSTER}/create`);
  await expect(editor(page).locator('.view-lines')).toContainText('ConfigMap', { timeout: 60_000 });
  const suggest = page.locator('.suggest-widget');

  await setText(page, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  ');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggest).toContainText('replicas', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Escape');

  expect(kubectl(['get', 'crd', 'widgets.example.wheelhouse.dev', '-o', 'name'])).toContain('widgets');
  await setText(page, 'apiVersion: example.wheelhouse.dev/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  ');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggest).toContainText('size', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(suggest).toContainText('color');
});

test('create a Namespace, a Deployment and a Service from one multi-document YAML', async ({ page }) => {
  const ns = `yaml-d-${run}`;
  await page.goto(`/c/${CLUSTER}/create`);
  await expect(editor(page).locator('.view-lines')).toContainText('ConfigMap', { timeout: 60_000 });
  await setText(
    page,
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\n${deployment(ns, 'shop', 'nginx:1.27.3')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n  namespace: ${ns}\nspec:\n  selector:\n    app: shop\n  ports:\n    - port: 80\n`,
  );
  await page.getByRole('button', { name: 'Create' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('listitem')).toHaveCount(3);
  await expect(results.getByRole('listitem').nth(0)).toContainText(`Namespace ${ns}: created`);
  await expect(results.getByRole('listitem').nth(1)).toContainText(`Deployment ${ns}/shop: created`);
  await expect(results.getByRole('listitem').nth(2)).toContainText(`Service ${ns}/shop: created`);
  expect(kubectl(['get', 'deploy,svc', '-n', ns, '-o', 'name']).trim().split('\n').sort()).toEqual(['deployment.apps/shop', 'service/shop']);
});
