import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage();
p.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto('http://127.0.0.1:3457/c/sandbox-east');
await p.getByRole('status', { name: 'Connection' }).filter({ hasText: 'live' }).waitFor({ timeout: 60000 });
console.log('ready');
await p.getByRole('combobox', { name: 'Cluster' }).selectOption('sandbox-west');
for (let i = 0; i < 40; i++) { await p.waitForTimeout(1000); console.log(p.url(), await p.getByRole('combobox', { name: 'Cluster' }).inputValue()); }
await b.close();
