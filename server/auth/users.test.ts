// The users file: first-start admin (random password logged once, never again), argon2 login with the same
// outcome for unknown users, reload when the file changes, username rules, and the `npm run user:add` CLI.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import pino from 'pino';
import { readUsers, upsertUser, usernameSchema, UserStore } from './users';

function capture() {
  const lines: { level: number; msg: string; password?: string }[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(c: Buffer, _e, cb) {
        lines.push(...c.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
        cb();
      },
    }),
  );
  return { lines, logger };
}
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wh-users-'));

describe('UserStore', () => {
  it('creates admin with a random password logged once at warn level, and not again on the next start', async () => {
    const file = path.join(tmp(), 'users.json');
    const first = capture();
    const store = new UserStore(file, first.logger);
    await store.init();
    const warned = first.lines.filter((l) => l.password);
    expect(warned).toHaveLength(1);
    expect(warned[0].level).toBe(40);
    expect(warned[0].msg).toMatch(/FIRST START/);
    const password = warned[0].password!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.authenticate('admin', password)).toMatchObject({ username: 'admin', groups: ['system:masters'], admin: true });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(password);

    const second = capture();
    await new UserStore(file, second.logger).init();
    expect(second.lines.some((l) => l.password)).toBe(false);
    // another first start on a fresh dir gets another password: nothing fixed
    const other = capture();
    await new UserStore(path.join(tmp(), 'users.json'), other.logger).init();
    expect(other.lines.find((l) => l.password)!.password).not.toBe(password);
  });

  it('checks passwords, refuses unknown users the same way, and sees file changes without a restart', async () => {
    const file = path.join(tmp(), 'users.json');
    await upsertUser(file, { username: 'alice', password: 'pw-alice-1', groups: ['wheelhouse:viewers'], admin: false });
    const store = new UserStore(file, capture().logger);
    await store.init();
    expect(await store.authenticate('alice', 'pw-alice-1')).toMatchObject({ username: 'alice' });
    expect(await store.authenticate('alice', 'wrong')).toBeUndefined();
    expect(await store.authenticate('nobody', 'pw-alice-1')).toBeUndefined();
    await upsertUser(file, { username: 'alice', password: 'pw-alice-2', groups: [], admin: false });
    await upsertUser(file, { username: 'bob', password: 'pw-bob-1', groups: [], admin: false });
    expect(await store.authenticate('alice', 'pw-alice-1')).toBeUndefined();
    expect(await store.authenticate('alice', 'pw-alice-2')).toBeDefined();
    expect(await store.authenticate('bob', 'pw-bob-1')).toBeDefined();
    // a broken file keeps the last good users
    fs.writeFileSync(file, '{"users": [', { mode: 0o600 });
    expect(await store.authenticate('bob', 'pw-bob-1')).toBeDefined();
  });

  it('accepts DNS-like usernames only', () => {
    for (const ok of ['admin', 'alice.smith', 'a_b-c', '0', 'x'.repeat(64)]) expect(usernameSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'system:admin', 'Admin', '-a', 'a-', 'a b', 'x'.repeat(65), 'a/b']) expect(usernameSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('npm run user:add', () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const run = (args: string[], env: Record<string, string>, input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/user-add.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, input, encoding: 'utf8' });

  it('adds a user with a generated password printed once, or one read from stdin; honours the data dir', async () => {
    const dir = tmp();
    const r = run(['carol', '--groups', 'wheelhouse:editors,team-a', '--admin'], { WHEELHOUSE_DATA_DIR: dir, WHEELHOUSE_USERS_FILE: '' });
    expect(r.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(r.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);
    const file = path.join(dir, 'users.json');
    expect(readUsers(file)).toEqual([expect.objectContaining({ username: 'carol', groups: ['wheelhouse:editors', 'team-a'], admin: true })]);
    const store = new UserStore(file, capture().logger);
    await store.init();
    expect(await store.authenticate('carol', password!)).toBeDefined();

    const other = path.join(tmp(), 'custom-users.json');
    const s = run(['dave', '--password-stdin'], { WHEELHOUSE_USERS_FILE: other }, 'dave-password-9\n');
    expect(s.status).toBe(0);
    expect(s.stdout).not.toMatch(/shown once/);
    const ds = new UserStore(other, capture().logger);
    await ds.init();
    expect(await ds.authenticate('dave', 'dave-password-9')).toMatchObject({ groups: [], admin: false });
  });

  it('refuses bad usernames and short passwords with exit code 2', () => {
    const dir = tmp();
    expect(run(['system:admin'], { WHEELHOUSE_DATA_DIR: dir }).status).toBe(2);
    expect(run(['ok', '--password-stdin'], { WHEELHOUSE_DATA_DIR: dir }, 'short\n').status).toBe(2);
    expect(fs.existsSync(path.join(dir, 'users.json'))).toBe(false);
  });
});
