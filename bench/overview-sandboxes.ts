/**
 * bench:overview's cluster host: N sandbox clusters (demo content each) in ONE process apart from the console,
 * so the console's RSS is the BFF's own and a cluster can be stopped for real (its port then refuses
 * connections, like a cluster that went away). Writes the merged kubeconfig to argv[3], prints "ready" on
 * stdout, and on a stdin line "stop <name>" stops that cluster and prints "stopped <name>".
 */
import fs from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox';
import { mergeKubeconfigs } from '../server/sandboxes';
import { sandboxNames } from '../server/config';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20);
  const kubeconfigPath = process.argv[3];
  if (!kubeconfigPath || !(count >= 1)) throw new Error('usage: overview-sandboxes.ts <count> <kubeconfig path>');
  const clusters = new Map<string, SandboxCluster>();
  for (const c of await Promise.all(sandboxNames(count).map((name) => startSandboxCluster({ name, scenario: 'demo' })))) {
    clusters.set(c.name, c);
  }
  fs.writeFileSync(kubeconfigPath, mergeKubeconfigs([...clusters.values()].map((c) => c.kubeconfig)), { mode: 0o600 });
  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [cmd, name] = line.trim().split(/\s+/);
    const c = clusters.get(name ?? '');
    if (cmd !== 'stop' || !c) return void process.stdout.write(`unknown command: ${line}\n`);
    clusters.delete(name);
    void c.stop();
    // stopped once its port refuses connections (stop() itself may wait on a connection being torn down)
    const port = Number(new URL(c.server).port);
    const poll = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        setTimeout(poll, 50);
      });
      s.once('error', () => process.stdout.write(`stopped ${name}\n`));
    };
    poll();
  });
  lines.on('close', () => void Promise.allSettled([...clusters.values()].map((c) => c.stop())).then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandboxes failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
