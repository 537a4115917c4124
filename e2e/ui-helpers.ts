import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';

/**
 * Navigate and wait until the app is interactive: the connection indicator says "live" only once the
 * client code runs and the socket is up, so clicks and keys after this reach React handlers.
 */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('live', { timeout: 30_000 });
}

/** kubectl against the console's sandbox (E2E_KUBECONFIG, set by playwright.config.ts), as the sandbox's admin. */
export function kubectl(context: 'sandbox-east' | 'sandbox-west', args: string[], input?: string): string {
  const kubeconfig = process.env.E2E_KUBECONFIG;
  if (!kubeconfig) throw new Error('E2E_KUBECONFIG is not set (playwright.config.ts exposes the sandbox kubeconfig there)');
  return execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', context, ...args], { input, encoding: 'utf8', timeout: 30_000 });
}

/** neither the document nor the main region may scroll horizontally: wide content scrolls inside its own panel */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => {
    const main = document.getElementById('main');
    return {
      doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    };
  });
  expect(widths, `${where}: horizontal overflow in px`).toEqual({ doc: 0, main: 0 });
}

/** The (last opened) terminal region, and its status line. */
export const terminal = (page: Page) => page.getByRole('region', { name: 'Terminal' }).last();
export const terminalStatus = (page: Page) => page.getByRole('status').filter({ hasText: /Connect|exited|Could not|Session ended|no shell/ }).last();

/** Pastes `text` into the focused terminal (a clipboard paste, as a person would) and presses Enter. */
export async function runInTerminal(page: Page, text: string) {
  await page
    .locator('.xterm-helper-textarea')
    .last()
    .evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  await page.keyboard.press('Enter');
}

