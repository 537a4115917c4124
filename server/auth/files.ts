/**
 * Small file helpers for the auth state in the data dir (users file, session secret): every write is atomic
 * (a temp file in the same directory, then rename), mode 0600 from the first byte, so a reader (another replica,
 * the running console while `npm run user:add` writes) never sees half a file and nobody else can read it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

function tempFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function writeTemp(file: string, content: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = tempFor(file);
  fs.writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  return tmp;
}

/** Replaces `file` atomically with `content` (mode 0600). */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = writeTemp(file, content);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Creates `file` with `content` only if it does not exist yet, atomically (hard link of a complete temp file:
 * fails with EEXIST instead of overwriting). Two processes starting on one data dir at once: exactly one wins and
 * both then read the winner's content. Returns whether this call created it.
 */
export function createFileExclusive(file: string, content: string): boolean {
  const tmp = writeTemp(file, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A random secret of `bytes` bytes, base64url (no padding). */
export function randomSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
