import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPglite } from './pglite-template';

describe('createPglite without a template', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-fresh-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('initialises a new data dir in a child process, then opens it here; data written survives a reopen', async () => {
    const dataDir = path.join(dir, 'db');
    const db = await createPglite(dataDir, undefined, {});
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    await db.exec('create table t (v int); insert into t values (42)');
    await db.close();
    const again = await createPglite(dataDir, undefined, {});
    expect((await again.query<{ v: number }>('select v from t')).rows).toEqual([{ v: 42 }]);
    await again.close();
  });

  it('says which data dir it could not create', async () => {
    const blocked = path.join(dir, 'file');
    fs.writeFileSync(blocked, '');
    await expect(createPglite(path.join(blocked, 'db'), undefined, {})).rejects.toThrow(/creating the PGlite database in .*file\/db failed/);
  });
});
