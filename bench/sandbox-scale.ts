/**
 * bench:sandbox's footprint phase: the `scale` scenario (N Running pods, bulk-created) in a sandbox process of
 * its own, started exactly as `npm run sandbox` starts it. Reports the time from launch to its ready line and
 * the process's peak RSS (VmHWM: the kernel's high-water mark, so a spike between samples is not missed).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export async function measureScale(pods: number): Promise<{ scalePods: number; scaleReadyMs: number; scaleRssMb: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/sandbox/cli.ts', '--port', '0', '--kubeconfig', path.join(dir, 'kubeconfig'), '--scenario', 'scale', '--pods', String(pods)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const ready = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`scale sandbox exited with ${code} before it was ready`)));
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.includes('"msg":"sandbox cluster \\"sandbox\\" ready"')) resolve();
      });
    });
    await ready;
    const scaleReadyMs = Math.round(performance.now() - t0);
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const hwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
    return { scalePods: pods, scaleReadyMs, scaleRssMb: Math.round(hwmKb / 1024) };
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
