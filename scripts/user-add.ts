/**
 * `npm run user:add -- <username> [--groups a,b] [--admin] [--password-stdin]`: adds or replaces a console user in
 * the users file (WHEELHOUSE_USERS_FILE, else <WHEELHOUSE_DATA_DIR>/users.json; see server/auth/users.ts). Without
 * --password-stdin a random password is generated and printed once. A running console picks the change up at the
 * next login. Groups are what the clusters' RBAC sees (impersonation), e.g. wheelhouse:viewers; --admin lets the
 * user read the console's audit page.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePassword, upsertUser, usernameSchema } from '../server/auth/users';

const USAGE = 'usage: npm run user:add -- <username> [--groups a,b] [--admin] [--password-stdin]';
const MIN_PASSWORD = 8;

function fail(message: string): never {
  console.error(`user:add: ${message}\n${USAGE}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { groups: { type: 'string' }, admin: { type: 'boolean' }, 'password-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) fail('give exactly one username');
  const name = usernameSchema.safeParse(positionals[0]);
  if (!name.success) fail(name.error.issues[0].message);
  const groups = (values.groups ?? '').split(',').map((g) => g.trim()).filter(Boolean);

  const generated = !values['password-stdin'];
  const password = generated ? generatePassword() : await readStdin();
  if (password.length < MIN_PASSWORD) fail(`the password needs at least ${MIN_PASSWORD} characters`);

  const file = path.resolve(process.env.WHEELHOUSE_USERS_FILE || path.join(process.env.WHEELHOUSE_DATA_DIR || '.wheelhouse', 'users.json'));
  let outcome: 'added' | 'replaced';
  try {
    outcome = await upsertUser(file, { username: name.data, password, groups, admin: !!values.admin });
  } catch (e) {
    fail((e as Error).message);
  }
  console.log(`${outcome} user ${name.data} in ${file} (groups: ${groups.join(', ') || 'none'}; console admin: ${values.admin ? 'yes' : 'no'})`);
  if (generated) console.log(`password (shown once): ${password}`);
}

void main();
