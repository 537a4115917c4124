/**
 * Every option of the console process, from the environment and the command line, validated once with zod.
 * CLI flags win over environment variables. See README "Configuration".
 */
import { z } from 'zod';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeOrigin } from './origin';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KUBECONFIG: z.string().optional(),
  /** auto: sandboxes start unless real clusters are configured; always / never force it. */
  WHEELHOUSE_SANDBOX: z.enum(['auto', 'always', 'never']).default('auto'),
  WHEELHOUSE_SANDBOX_SCENARIO: z.string().regex(/^[a-z0-9-]+$/).default('demo'),
  WHEELHOUSE_SANDBOX_SPEED: z.coerce.number().positive().max(1000).default(1),
  WHEELHOUSE_SANDBOX_PODS: z.coerce.number().int().min(0).max(200_000).optional(),
  WHEELHOUSE_DATA_DIR: z.string().min(1).default('.wheelhouse'),
  WHEELHOUSE_IN_CLUSTER: z.enum(['auto', 'always', 'never']).default('auto'),
  /** where the pod's service account is mounted (token, ca.crt, namespace); tests point it elsewhere */
  WHEELHOUSE_SA_DIR: z.string().min(1).default('/var/run/secrets/kubernetes.io/serviceaccount'),
  WHEELHOUSE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(9_000),
  WHEELHOUSE_DEV: boolish.optional(),
  /** extra browser origins allowed to open the socket.io connection (comma-separated), besides the console's own */
  WHEELHOUSE_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const out: string[] = [];
      for (const raw of v.split(',').map((s) => s.trim()).filter(Boolean)) {
        const o = normalizeOrigin(raw);
        // an origin only: scheme://host[:port], no path, query or credentials
        if (!o || !/^https?:\/\/[^/?#@]+\/?$/i.test(raw)) {
          ctx.addIssue({ code: 'custom', message: `WHEELHOUSE_ALLOWED_ORIGINS: "${raw}" is not an origin like https://console.example.com` });
          return z.NEVER;
        }
        out.push(o);
      }
      return out;
    }),
});

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dev: boolean;
  /** kubeconfig files of real clusters (KUBECONFIG list, or ~/.kube/config when it exists) */
  kubeconfigFiles: string[];
  inCluster: boolean;
  /** directory holding the mounted service account's token, ca.crt and namespace */
  serviceAccountDir: string;
  sandbox: { enabled: boolean; scenario: string; speed: number; pods?: number; names: string[] };
  dataDir: string;
  shutdownTimeoutMs: number;
  /** normalised origins (besides the console's own) allowed to open socket.io connections */
  allowedOrigins: string[];
}

export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Config {
  const e = envSchema.parse(env);
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const f of flags) {
    if (!['--dev', '--sandbox', '--no-sandbox', '--in-cluster', '--no-in-cluster'].includes(f)) {
      throw new Error(`unknown flag ${f} (known: --dev --sandbox --no-sandbox --in-cluster --no-in-cluster)`);
    }
  }

  const explicitKubeconfig = e.KUBECONFIG
    ? e.KUBECONFIG.split(path.delimiter).filter(Boolean)
    : [];
  const defaultKubeconfig = path.join(os.homedir(), '.kube', 'config');
  const kubeconfigFiles = explicitKubeconfig.length
    ? explicitKubeconfig
    : fs.existsSync(defaultKubeconfig)
      ? [defaultKubeconfig]
      : [];

  const inClusterMode = flags.has('--in-cluster') ? 'always' : flags.has('--no-in-cluster') ? 'never' : e.WHEELHOUSE_IN_CLUSTER;
  const serviceAccountDir = path.resolve(e.WHEELHOUSE_SA_DIR);
  const inCluster =
    inClusterMode === 'always' ||
    (inClusterMode === 'auto' && !!env.KUBERNETES_SERVICE_HOST && fs.existsSync(path.join(serviceAccountDir, 'token')));

  const sandboxMode = flags.has('--sandbox') ? 'always' : flags.has('--no-sandbox') ? 'never' : e.WHEELHOUSE_SANDBOX;
  const realClusters = kubeconfigFiles.length > 0 || inCluster;
  const sandboxEnabled = sandboxMode === 'always' || (sandboxMode === 'auto' && !realClusters);

  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dev: flags.has('--dev') || e.WHEELHOUSE_DEV === true,
    kubeconfigFiles,
    inCluster,
    serviceAccountDir,
    sandbox: {
      enabled: sandboxEnabled,
      scenario: e.WHEELHOUSE_SANDBOX_SCENARIO,
      speed: e.WHEELHOUSE_SANDBOX_SPEED,
      pods: e.WHEELHOUSE_SANDBOX_PODS,
      names: ['sandbox-east', 'sandbox-west'],
    },
    dataDir: path.resolve(e.WHEELHOUSE_DATA_DIR),
    shutdownTimeoutMs: e.WHEELHOUSE_SHUTDOWN_TIMEOUT_MS,
    allowedOrigins: e.WHEELHOUSE_ALLOWED_ORIGINS,
  };
}
