/**
 * PGlite's first start runs initdb inside WebAssembly, which takes seconds (tens of seconds on a loaded CI box).
 * Tests open many fresh databases, so they may name a template tarball (WHEELHOUSE_PGLITE_TEMPLATE): a fresh,
 * empty cluster dumped once with PGlite's own dumpDataDir and loaded with loadDataDir instead of running initdb
 * again. Only a NEW database uses it (an existing data dir is opened as it is); the file name carries the PGlite
 * version so an upgrade never loads an old cluster layout. Without a template, a new database on disk is
 * initialised in a child process (initdbApart).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/** a template path in the temp dir, versioned by the installed PGlite */
export function defaultTemplatePath(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(pglitePackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
  return path.join(os.tmpdir(), `wheelhouse-pglite-template-${version}.tgz`);
}

function pglitePackageDir(): string {
  // the package's "exports" hide package.json: walk up from its resolved entry file
  let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Creates a PGlite, from the template when the database is new and a template is named. */
export async function createPglite(dataDir: string | undefined, template: string | undefined, options: PGliteOptions): Promise<PGlite> {
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh && dataDir && !template) await initdbApart(dataDir);
  if (!fresh || !template) return PGlite.create({ ...options, dataDir });
  if (fs.existsSync(template)) {
    return PGlite.create({ ...options, dataDir, loadDataDir: new Blob([fs.readFileSync(template)]) });
  }
  const db = await PGlite.create({ ...options, dataDir });
  const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  // written aside and renamed: a concurrent reader never sees half a file
  const tmp = `${template}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(tmp, dump, { mode: 0o600 });
  fs.renameSync(tmp, template);
  return db;
}

/**
 * initdb in a child process. Its WebAssembly memory peaks near 800 MB and a WebAssembly memory never shrinks, so
 * run here it would stay with the console for its whole life (opening an existing cluster costs ~290 MB); the
 * child returns it when it exits.
 */
async function initdbApart(dataDir: string): Promise<void> {
  const entry = import.meta.resolve('@electric-sql/pglite');
  const code = `const { PGlite } = await import(${JSON.stringify(entry)}); const db = await PGlite.create(${JSON.stringify(dataDir)}); await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode) => (exitCode === 0 ? resolve() : reject(new Error(`creating the PGlite database in ${dataDir} failed (exit ${exitCode}): ${stderr.trim()}`))));
  });
}
