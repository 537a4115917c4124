/**
 * Every option of the console process, from the environment and the command line, validated once with zod.
 * CLI flags win over environment variables. See README "Configuration".
 */
import { z } from 'zod';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { normalizeOrigin } from './origin';
import { parseQuantity } from '../lib/k8s/machinery/quantity';

export const MAX_SANDBOX_CLUSTERS = 100;

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
  /** how many sandbox clusters (sandbox-1..N); unset: the two of the default, sandbox-east and sandbox-west */
  WHEELHOUSE_SANDBOX_CLUSTERS: z.coerce.number().int().min(1).max(MAX_SANDBOX_CLUSTERS).optional(),
  WHEELHOUSE_DATA_DIR: z.string().min(1).default('.wheelhouse'),
  WHEELHOUSE_METRICS_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(300).default(15),
  /** cluster=namespace/service[:port], comma-separated: a Prometheus not found by convention */
  WHEELHOUSE_PROMETHEUS: z.string().max(4096).optional(),
  /** change history (server/history): on by default; "off" records nothing (the API then answers from what is stored) */
  WHEELHOUSE_HISTORY: z.enum(['on', 'off']).default('on'),
  WHEELHOUSE_HISTORY_RETENTION_DAYS: z.coerce.number().positive().max(36_500).default(14),
  /** a byte count or a Kubernetes quantity: 5G (the default, 5 GB), 500M, 2Gi ... */
  WHEELHOUSE_HISTORY_MAX_BYTES: z
    .string()
    .default('5G')
    .transform((v, ctx) => {
      const n = parseQuantity(v.trim());
      if (n === null || !(n >= 1024 * 1024)) {
        ctx.addIssue({ code: 'custom', message: `WHEELHOUSE_HISTORY_MAX_BYTES: "${v}" is not a size of at least 1Mi (e.g. 5Gi, 500M)` });
        return z.NEVER;
      }
      return Math.floor(n);
    }),
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
  /** local: users file + token login (default); none: no login, loopback only (README "Authentication") */
  WHEELHOUSE_AUTH: z.enum(['local', 'none']).default('local'),
  WHEELHOUSE_USERS_FILE: z.string().min(1).optional(),
  /** shared by every replica (or share the data dir's session.secret) so a cookie works on any of them */
  WHEELHOUSE_SESSION_SECRET: z.string().min(32, 'WHEELHOUSE_SESSION_SECRET must be at least 32 characters').optional(),
  WHEELHOUSE_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(30),
  WHEELHOUSE_SESSION_MAX_HOURS: z.coerce.number().positive().max(30 * 24).default(12),
  /** auto: Secure cookies when the request came over HTTPS (X-Forwarded-Proto counts only from a trusted proxy) */
  WHEELHOUSE_SECURE_COOKIES: z.enum(['auto', 'always']).default('auto'),
  /** which peers' X-Forwarded-* headers are believed: false, true, a hop count, or IPs/CIDRs/loopback,uniquelocal… */
  WHEELHOUSE_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): TrustProxy => {
      const t = v.trim();
      if (t === '' || t === 'false') return false;
      if (t === 'true') return true;
      if (/^\d+$/.test(t)) return Number(t);
      const parts = t.split(',').map((s) => s.trim()).filter(Boolean);
      for (const p of parts) {
        if (PROXY_PRESETS.includes(p) || net.isIP(p.split('/')[0]) !== 0) continue;
        ctx.addIssue({ code: 'custom', message: `WHEELHOUSE_TRUST_PROXY: "${p}" is not an IP, CIDR, hop count or one of ${PROXY_PRESETS.join(', ')}` });
        return z.NEVER;
      }
      return parts;
    }),
  /** terminals (exec/attach) and port-forwards open at once, per person and for the whole console */
  WHEELHOUSE_EXEC_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  WHEELHOUSE_EXEC_MAX_SESSIONS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** WebSocket ping interval of terminal connections (both hops); keeps idle terminals through proxies */
  WHEELHOUSE_EXEC_PING_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  /** PostgreSQL for the state store (postgres://user:pass@host:5432/db); unset = embedded PGlite in the data dir */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// or postgresql:// URL'),
  /** connections each replica keeps to PostgreSQL */
  WHEELHOUSE_DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  /** tests: tarball of a fresh embedded database, copied instead of running initdb (server/store/pglite-template.ts) */
  WHEELHOUSE_PGLITE_TEMPLATE: z.string().min(1).optional(),
  /** audit records older than this are deleted (in small batches) */
  WHEELHOUSE_AUDIT_RETENTION_DAYS: z.coerce.number().positive().max(36_500).default(90),
  /** kubectl-style port-forward to local ports: auto = only when the console listens on loopback */
  WHEELHOUSE_PORT_FORWARD: z.enum(['auto', 'never']).default('auto'),
});

type TrustProxy = boolean | number | string[];
const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

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
  /** metrics.k8s.io sampling interval and per-cluster Prometheus overrides (server/metrics) */
  metrics: { intervalMs: number; prometheus?: string };
  /** the change recorder and its retention (server/history) */
  history: { enabled: boolean; maxAgeMs: number; maxBytes: number };
  dataDir: string;
  shutdownTimeoutMs: number;
  /** normalised origins (besides the console's own) allowed to open socket.io connections */
  allowedOrigins: string[];
  /** Fastify `trustProxy`: whose X-Forwarded-Proto / -For is believed (cookie Secure flag, client IP) */
  trustProxy: TrustProxy;
  auth: AuthConfig;
  exec: ExecConfig;
  store: StoreConfig;
}

export interface StoreConfig {
  /** DATABASE_URL: PostgreSQL shared by every replica; unset = embedded PGlite in `pgliteDir` */
  databaseUrl?: string;
  pgliteDir: string;
  pgliteTemplate?: string;
  poolMax: number;
  auditRetentionMs: number;
}

export interface ExecConfig {
  maxPerUser: number;
  maxSessions: number;
  pingMs: number;
  /** local port-forwards offered (the console listens on loopback and it is not switched off) */
  portForward: boolean;
}

export interface AuthConfig {
  mode: 'local' | 'none';
  usersFile: string;
  /** WHEELHOUSE_SESSION_SECRET; when unset, `<dataDir>/session.secret` (created at first start) */
  sessionSecret?: string;
  idleMs: number;
  maxMs: number;
  secureCookies: 'auto' | 'always';
}

const FLAGS = ['--dev', '--sandbox', '--no-sandbox', '--in-cluster', '--no-in-cluster', '--auth <local|none>', '--sandbox-clusters <n>'];

/** Splits argv into boolean flags, `--auth` and `--sandbox-clusters` (as `--flag value` or `--flag=value`). */
function parseArgs(argv: string[]): { flags: Set<string>; auth?: string; sandboxClusters?: number } {
  const flags = new Set<string>();
  let auth: string | undefined;
  let sandboxClusters: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    if (a === '--auth' || a.startsWith('--auth=')) {
      auth = a === '--auth' ? argv[++i] : a.slice('--auth='.length);
      if (auth !== 'local' && auth !== 'none') throw new Error(`--auth needs "local" or "none", got ${auth === undefined ? 'nothing' : `"${auth}"`}`);
      continue;
    }
    if (a === '--sandbox-clusters' || a.startsWith('--sandbox-clusters=')) {
      const v = a === '--sandbox-clusters' ? argv[++i] : a.slice('--sandbox-clusters='.length);
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || n < 1 || n > MAX_SANDBOX_CLUSTERS) {
        throw new Error(`--sandbox-clusters needs a whole number from 1 to ${MAX_SANDBOX_CLUSTERS}, got ${v === undefined ? 'nothing' : `"${v}"`}`);
      }
      sandboxClusters = n;
      continue;
    }
    if (!FLAGS.includes(a)) throw new Error(`unknown flag ${a} (known: ${FLAGS.join(' ')})`);
    flags.add(a);
  }
  return { flags, auth, sandboxClusters };
}

/** The sandbox clusters' names: the default pair, or sandbox-1..N when a count is asked for. */
export function sandboxNames(count: number | undefined): string[] {
  if (count === undefined) return ['sandbox-east', 'sandbox-west'];
  return Array.from({ length: count }, (_, i) => `sandbox-${i + 1}`);
}

/** 127.0.0.0/8, ::1 (and its v4-mapped form), localhost */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Config {
  const e = envSchema.parse(env);
  const { flags, auth, sandboxClusters } = parseArgs(argv);
  const authMode = (auth ?? e.WHEELHOUSE_AUTH) as AuthConfig['mode'];
  if (authMode === 'none' && !isLoopbackHost(e.HOST)) {
    throw new Error(
      `--auth none lets everyone who reaches the port act with the console's own cluster credentials, so it only listens on loopback: HOST is "${e.HOST}" (use 127.0.0.1, ::1 or localhost, or log in with --auth local)`,
    );
  }
  const dataDir = path.resolve(e.WHEELHOUSE_DATA_DIR);

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

  if (sandboxClusters !== undefined && flags.has('--no-sandbox')) throw new Error('--sandbox-clusters and --no-sandbox contradict each other');
  // asking for a number of sandbox clusters on the command line asks for sandboxes
  const sandboxMode = flags.has('--sandbox') || sandboxClusters !== undefined ? 'always' : flags.has('--no-sandbox') ? 'never' : e.WHEELHOUSE_SANDBOX;
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
      names: sandboxNames(sandboxClusters ?? e.WHEELHOUSE_SANDBOX_CLUSTERS),
    },
    metrics: { intervalMs: e.WHEELHOUSE_METRICS_INTERVAL_SECONDS * 1000, prometheus: e.WHEELHOUSE_PROMETHEUS },
    history: { enabled: e.WHEELHOUSE_HISTORY === 'on', maxAgeMs: e.WHEELHOUSE_HISTORY_RETENTION_DAYS * 24 * 3600_000, maxBytes: e.WHEELHOUSE_HISTORY_MAX_BYTES },
    dataDir,
    shutdownTimeoutMs: e.WHEELHOUSE_SHUTDOWN_TIMEOUT_MS,
    allowedOrigins: e.WHEELHOUSE_ALLOWED_ORIGINS,
    trustProxy: e.WHEELHOUSE_TRUST_PROXY,
    exec: {
      maxPerUser: e.WHEELHOUSE_EXEC_MAX_PER_USER,
      maxSessions: e.WHEELHOUSE_EXEC_MAX_SESSIONS,
      pingMs: e.WHEELHOUSE_EXEC_PING_SECONDS * 1000,
      portForward: e.WHEELHOUSE_PORT_FORWARD === 'auto' && isLoopbackHost(e.HOST),
    },
    store: {
      databaseUrl: e.DATABASE_URL || undefined,
      pgliteDir: path.join(dataDir, 'store'),
      pgliteTemplate: e.WHEELHOUSE_PGLITE_TEMPLATE,
      poolMax: e.WHEELHOUSE_DB_POOL_MAX,
      auditRetentionMs: Math.round(e.WHEELHOUSE_AUDIT_RETENTION_DAYS * 86_400_000),
    },
    auth: {
      mode: authMode,
      usersFile: path.resolve(e.WHEELHOUSE_USERS_FILE ?? path.join(dataDir, 'users.json')),
      sessionSecret: e.WHEELHOUSE_SESSION_SECRET,
      idleMs: Math.round(e.WHEELHOUSE_SESSION_IDLE_MINUTES * 60_000),
      maxMs: Math.round(e.WHEELHOUSE_SESSION_MAX_HOURS * 3_600_000),
      secureCookies: e.WHEELHOUSE_SECURE_COOKIES,
    },
  };
}
