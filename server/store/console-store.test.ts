// The console process opens the state store at start: PGlite in the data dir by default, and a store that cannot
// be opened ends the process like any other configuration error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnConsole } from '../auth/testing';
import { migrations } from './migrations';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-store-main-'));
  const kubeconfig = path.join(dataDir, 'empty.kubeconfig');
  fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
  const c = spawnConsole({ KUBECONFIG: kubeconfig, WHEELHOUSE_DATA_DIR: dataDir, ...env });
  stop = c.stop;
  return { ...c, dataDir };
}

/** resolves with the first JSON log line whose msg is `msg` */
function logLine(c: ReturnType<typeof start>, msg: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const seen = () => c.lines.map((l) => { try { return JSON.parse(l) as Record<string, unknown>; } catch { return undefined; } }).find((l) => l?.msg === msg);
    const check = () => {
      const l = seen();
      if (l) {
        c.child.stdout!.off('data', onData);
        resolve(l);
      }
    };
    // lines are split by spawnConsole's own listener, which runs first
    const onData = () => setImmediate(check);
    c.child.stdout!.on('data', onData);
    void c.exited.then(() => {
      check();
      reject(new Error(`console exited before logging "${msg}": ${c.stderr()}`));
    });
    check();
  });
}

describe('the console process and its store', () => {
  it('opens and migrates an embedded PGlite in <data dir>/store when DATABASE_URL is unset', async () => {
    const c = start({});
    const line = await logLine(c, 'store open');
    expect(line).toMatchObject({ dialect: 'pglite', migrated: Object.keys(migrations), dataDir: path.join(c.dataDir, 'store') });
    expect(fs.existsSync(path.join(c.dataDir, 'store', 'PG_VERSION'))).toBe(true);
  });

  it('exits with status 2 when the store cannot be opened', async () => {
    // port 1 on loopback: nothing listens, the connection is refused at once
    const c = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await c.exited).toBe(2);
    expect(c.lines.some((l) => l.includes('cannot open the state store'))).toBe(true);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the setting', async () => {
    const c = start({ DATABASE_URL: 'mysql://x@y/z' });
    expect(await c.exited).toBe(2);
    expect(c.stderr()).toMatch(/DATABASE_URL must be a postgres/);
  });
});
