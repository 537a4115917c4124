/**
 * Local console users: a JSON users file (TEAM contract; default `<dataDir>/users.json`, mode 0600)
 * `{"users":[{"username","passwordHash":"$argon2id$...","groups":[...],"admin":bool}]}` with argon2id hashes
 * (@node-rs/argon2 defaults). The console only reads it; `npm run user:add` (scripts/user-add.ts) writes it
 * atomically, and the running console picks the change up at the next login (mtime/size check, no restart).
 *
 * First start: with no users file, `admin` (groups system:masters, console admin) is created with a random
 * password that is logged ONCE at warn level; there is no default password anywhere. The file is created
 * exclusively, so two replicas starting on one data dir cannot each mint (and print) a different admin.
 *
 * Timing: an unknown username still costs one argon2 verify (against a dummy hash), so response time does not
 * tell which usernames exist.
 */
import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createFileExclusive, randomSecret, writeFileAtomic } from './files';

/** DNS-label-like: lowercase letters, digits, '.', '_', '-', at most 64; no ':' so no "system:…" names. */
export const usernameSchema = z
  .string()
  .max(64, 'username: at most 64 characters')
  .regex(/^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/, 'username: lowercase letters, digits, ".", "_" and "-", starting and ending with a letter or digit');

const groupSchema = z.string().min(1).max(253).regex(/^[^\s,]+$/, 'group names have no spaces or commas');

export const userRecord = z.object({
  username: usernameSchema,
  passwordHash: z.string().startsWith('$argon2'),
  groups: z.array(groupSchema).max(100),
  admin: z.boolean(),
});
export type UserRecord = z.infer<typeof userRecord>;

const usersFileSchema = z.object({ users: z.array(userRecord) }).refine((f) => new Set(f.users.map((u) => u.username)).size === f.users.length, {
  message: 'duplicate username',
});

/** A random password for first start and `user:add` without --password-stdin: 144 bits, 24 characters. */
export function generatePassword(): string {
  return randomSecret(18);
}

/** The users in `file`; undefined when it does not exist. Throws on an unreadable or invalid file. */
export function readUsers(file: string): UserRecord[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // the parser's message quotes file content (password hashes): say where, not what
    throw new Error(`users file ${file}: not valid JSON`);
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`users file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.users;
}

function serialize(users: UserRecord[]): string {
  return `${JSON.stringify({ users }, null, 2)}\n`;
}

/** Adds or replaces one user (hashing `password`); the file is rewritten atomically. */
export async function upsertUser(file: string, u: { username: string; password: string; groups: string[]; admin: boolean }): Promise<'added' | 'replaced'> {
  const record = userRecord.parse({ username: u.username, passwordHash: await hash(u.password), groups: u.groups, admin: u.admin });
  const users = readUsers(file) ?? [];
  const i = users.findIndex((x) => x.username === record.username);
  if (i >= 0) users[i] = record;
  else users.push(record);
  writeFileAtomic(file, serialize(users));
  return i >= 0 ? 'replaced' : 'added';
}

/**
 * First start: creates the users file with `admin` and a random password unless the file exists. Returns the
 * password when this call created it (the caller logs it once), else undefined.
 */
export async function ensureUsersFile(file: string): Promise<string | undefined> {
  if (fs.existsSync(file)) return undefined;
  const password = generatePassword();
  const admin: UserRecord = { username: 'admin', passwordHash: await hash(password), groups: ['system:masters'], admin: true };
  return createFileExclusive(file, serialize([admin])) ? password : undefined;
}

export class UserStore {
  private users = new Map<string, UserRecord>();
  private stamp = '';
  private readonly dummyHash: Promise<string>;

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {
    this.dummyHash = hash(generatePassword());
  }

  /** Creates the first-start admin when needed (logging its password once) and loads the file. */
  async init(): Promise<void> {
    let password: string | undefined;
    try {
      password = await ensureUsersFile(this.file);
    } catch (e) {
      // e.g. a read-only mount in a cluster with no users Secret: token login still works, say what to do
      this.logger.error(
        { usersFile: this.file, err: (e as Error).message },
        'cannot create the users file: password login is unavailable until one exists (npm run user:add, or mount a users Secret)',
      );
    }
    if (password) {
      this.logger.warn(
        { username: 'admin', password, usersFile: this.file },
        'FIRST START: created console user "admin" with the one-time password in this line (it is not shown again). Log in and replace it: npm run user:add -- admin --admin --groups system:masters --password-stdin',
      );
    }
    this.reload();
  }

  /** The user when username and password match; undefined otherwise (same cost either way). */
  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    this.reload();
    const user = this.users.get(username);
    const ok = await verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    return user && ok ? user : undefined;
  }

  /** Re-reads the file when its mtime/size/inode changed; an invalid file keeps the previous users. */
  private reload(): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch {
      if (this.stamp !== 'missing') this.logger.warn({ usersFile: this.file }, 'users file missing: nobody can log in with a password');
      this.stamp = 'missing';
      this.users.clear();
      return;
    }
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (stamp === this.stamp) return;
    try {
      const users = readUsers(this.file) ?? [];
      this.users = new Map(users.map((u) => [u.username, u]));
      this.stamp = stamp;
      if ((st.mode & 0o077) !== 0) this.logger.warn({ usersFile: this.file }, 'users file is readable by others: chmod 600 it');
    } catch (e) {
      this.logger.error({ usersFile: this.file, err: (e as Error).message }, 'users file invalid: keeping the previous users');
    }
  }
}
