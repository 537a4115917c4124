/**
 * How a simulated container behaves, decided from its image reference (the documented convention):
 * - tag `:crash` or a name containing `crashloop` → runs a few seconds, exits 1 (CrashLoopBackOff under restartPolicy Always)
 * - a name containing `missing` or tag `:doesnotexist` → ErrImagePull / ImagePullBackOff
 * - tag `:oom` → memory grows past its limit → OOMKilled (exit 137)
 * - tag `:unready` → readiness probe never succeeds (Unhealthy events), stays running
 * - tag `:unhealthy` → liveness probe fails after its initial delay → killed and restarted (back-off)
 * - an image whose default command is a shell (busybox, alpine, debian, ubuntu ...) started with no command,
 *   args or stdin exits 0 at once, as `sh` with no terminal does (unless the run-seconds annotation says otherwise)
 * - anything else runs forever under restartPolicy Always, or exits 0 after a short run
 *   (annotation `sandbox.wheelhouse.dev/run-seconds`, default 5) under OnFailure/Never (Job pods).
 */
import { fnv32a } from '../controllers/lib/hash';

export type ImageBehaviour = 'run' | 'crash' | 'pull-fail' | 'oom' | 'unready' | 'unhealthy';

export function parseImage(image: string): { name: string; tag: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1), digest };
  return { name: ref, tag: 'latest', digest };
}

export function imageBehaviour(image: string): ImageBehaviour {
  const { name, tag } = parseImage(image);
  if (name.includes('missing') || tag === 'doesnotexist') return 'pull-fail';
  if (tag === 'crash' || name.includes('crashloop')) return 'crash';
  if (tag === 'oom') return 'oom';
  if (tag === 'unready') return 'unready';
  if (tag === 'unhealthy') return 'unhealthy';
  return 'run';
}

/** Fully qualified reference as containerd reports it (docker.io/library/nginx:1.27). */
export function fullImage(image: string): string {
  const { name, tag, digest } = parseImage(image);
  const first = name.split('/')[0]!;
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasRegistry ? name : name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return digest ? `${full}@${digest}` : `${full}:${tag}`;
}

/** Deterministic sha256-looking digest for an image reference. */
export function imageDigest(image: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += fnv32a(`${image}#${i}`).toString(16).padStart(8, '0');
  return `sha256:${hex.slice(0, 64)}`;
}

export function imageID(image: string): string {
  const { name } = parseImage(fullImage(image));
  return `${name}@${imageDigest(image)}`;
}

/** Simulated pull time (ms, cluster time) — bigger images take longer, deterministic per image. */
export function pullMillis(image: string): number {
  return 800 + (fnv32a(image) % 2200);
}

/** Images whose entrypoint/cmd is a shell (or a REPL) that exits at once without a terminal. */
const SHELL_IMAGES = new Set([
  'busybox', 'alpine', 'debian', 'ubuntu', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'archlinux',
  'oraclelinux', 'photon', 'bash', 'opensuse/leap', 'opensuse/tumbleweed', 'ubi8', 'ubi9', 'ubi8/ubi', 'ubi9/ubi',
  'redhat/ubi8', 'redhat/ubi9', 'python', 'node', 'ruby',
]);

export function shellDefaultImage(image: string): boolean {
  const { name } = parseImage(fullImage(image));
  const path = name.replace(/^[^/]+\//, '').replace(/^library\//, '');
  return SHELL_IMAGES.has(path) || SHELL_IMAGES.has(path.split('/').pop()!);
}
