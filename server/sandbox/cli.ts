/**
 * `npm run sandbox -- --port <port> --kubeconfig <path> [--name <cluster>] [--scenario <name>] [--speed N] [--pods N]`
 * Runs one sandbox cluster in the foreground until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { startSandboxCluster } from './cluster';

const Args = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  kubeconfig: z.string().min(1).optional(),
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).default('sandbox'),
  scenario: z.string().min(1).default('demo'),
  speed: z.coerce.number().positive().default(1),
  pods: z.coerce.number().int().positive().optional(),
  host: z.enum(['127.0.0.1', '::1', 'localhost']).default('127.0.0.1'),
  'no-runtime': z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      kubeconfig: { type: 'string' },
      name: { type: 'string' },
      scenario: { type: 'string' },
      speed: { type: 'string' },
      pods: { type: 'string' },
      host: { type: 'string' },
      'no-runtime': { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(`invalid arguments: ${parsed.error.message}\n`);
    process.exit(2);
  }
  const a = parsed.data;
  const logger = pino({ name: 'sandbox', level: process.env.LOG_LEVEL ?? 'info' });
  const cluster = await startSandboxCluster({
    name: a.name,
    port: a.port,
    host: a.host === 'localhost' ? '127.0.0.1' : a.host,
    kubeconfigPath: a.kubeconfig,
    scenario: a.scenario,
    speed: a.speed,
    pods: a.pods,
    logger,
    noRuntime: a['no-runtime'],
  });
  logger.info({ server: cluster.server, kubeconfig: a.kubeconfig ?? '(not written)' }, `sandbox cluster "${a.name}" ready`);
  if (!a.kubeconfig) process.stdout.write(cluster.kubeconfig);
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal: sig }, 'stopping sandbox cluster');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
