/**
 * The e2e run's console users (loaded by playwright.config.ts in the main process, before the webServer starts):
 * `admin` (system:masters, console admin) and `viewer` (wheelhouse:viewers → the sandbox's `view` ClusterRole)
 * with fresh random passwords, written atomically with mode 0600 in the TEAM users-file format. The passwords go
 * into process.env, which the test workers inherit because they are spawned after the config has loaded.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';

export interface E2eUser {
  username: string;
  groups: string[];
  admin: boolean;
  passwordEnv: string;
}

export const E2E_USERS: E2eUser[] = [
  { username: 'admin', groups: ['system:masters'], admin: true, passwordEnv: 'E2E_ADMIN_PASSWORD' },
  { username: 'viewer', groups: ['wheelhouse:viewers'], admin: false, passwordEnv: 'E2E_VIEWER_PASSWORD' },
];

/** Writes `file` (atomically, 0600) unless the passwords are already in the environment; sets them there. */
export async function ensureE2eUsers(file: string): Promise<void> {
  if (process.env.E2E_ADMIN_PASSWORD) return;
  const users = [];
  for (const u of E2E_USERS) {
    const password = crypto.randomBytes(18).toString('base64url');
    users.push({ username: u.username, passwordHash: await hash(password), groups: u.groups, admin: u.admin });
    process.env[u.passwordEnv] = password;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function passwordOf(username: 'admin' | 'viewer'): string {
  const env = E2E_USERS.find((u) => u.username === username)!.passwordEnv;
  const p = process.env[env];
  if (!p) throw new Error(`${env} is not set: playwright.config.ts writes the e2e users file and sets it`);
  return p;
}

/** Where the setup project saves the admin's signed-in browser state (cookies + localStorage). */
export function adminStorageState(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  return path.join(dir, 'admin.storage.json');
}
