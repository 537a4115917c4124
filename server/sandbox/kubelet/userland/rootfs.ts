/**
 * A container's root filesystem from its pod spec: the image's base tree (os-release, programs on $PATH),
 * the files the kubelet manages (/etc/hostname, /etc/hosts, /etc/resolv.conf) and the volume mounts, which are
 * directory nodes shared with the pod (emptyDir), the cluster (PVC) or kept up to date (projections).
 */
import { dir, file, link, Vfs, type DirNode } from './vfs';
import { imageFlavour, type ImageFlavour } from './images';
import { USERLAND_PROGRAMS } from './programs/index';

const SHELL_NAMES = new Set(['sh', 'ash', 'bash']);

export function baseTree(image: string): { vfs: Vfs; flavour: ImageFlavour } {
  const flavour = imageFlavour(image);
  const vfs = new Vfs(dir());
  for (const d of ['/dev', '/proc', '/sys', '/tmp', '/var/run', '/var/log', '/root', '/home', '/etc', '/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin', '/sbin', '/var/tmp', '/mnt', '/opt', '/srv']) vfs.mkdir(d, { parents: true });
  vfs.stat('/tmp').mode = 0o1777;
  // the busybox image ships no os-release at all
  if (flavour.osRelease) vfs.writeFile('/etc/os-release', Buffer.from(flavour.osRelease));
  vfs.writeFile('/etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'));
  vfs.writeFile('/etc/group', Buffer.from('root:x:0:\nnogroup:x:65534:\n'));
  if (flavour.os === 'distroless') return { vfs, flavour };
  // busybox-style images carry every applet in /bin; Debian-style ones split /bin and /usr/bin
  const binDir = flavour.os === 'debian' || flavour.os === 'ubuntu' ? '/usr/bin' : '/bin';
  for (const p of USERLAND_PROGRAMS) {
    if (flavour.shell === 'ash' && p === 'bash') continue;
    if (SHELL_NAMES.has(p) || p === 'ls' || p === 'cat' || p === 'ps') vfs.put(`/bin/${p}`, file('', 0o755, p));
    else vfs.put(`${binDir}/${p}`, file('', 0o755, p));
  }
  if (flavour.os === 'alpine') vfs.writeFile('/etc/alpine-release', Buffer.from('3.20.3\n'));
  if (flavour.os === 'debian') vfs.writeFile('/etc/debian_version', Buffer.from('12.8\n'));
  return { vfs, flavour };
}

export interface PodNetwork {
  podIP: string;
  hostname: string;
  subdomain?: string;
  namespace: string;
  clusterDomain: string;
  nameserver: string;
  hostAliases?: { ip: string; hostnames: string[] }[];
}

export function kubeletFiles(vfs: Vfs, net: PodNetwork, dnsPolicy: string | undefined): void {
  const fqdn = net.subdomain ? `${net.hostname}.${net.subdomain}.${net.namespace}.svc.${net.clusterDomain}` : '';
  let hosts = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (net.podIP) hosts += `${net.podIP}\t${fqdn ? `${fqdn}\t` : ''}${net.hostname}\n`;
  for (const a of net.hostAliases ?? []) hosts += `\n# Entries added by HostAliases.\n${a.ip}\t${a.hostnames.join('\t')}\n`;
  vfs.writeFile('/etc/hosts', Buffer.from(hosts));
  vfs.writeFile('/etc/hostname', Buffer.from(`${net.hostname}\n`));
  const resolv =
    dnsPolicy === 'Default'
      ? 'nameserver 169.254.169.254\nsearch localdomain\n'
      : `search ${net.namespace}.svc.${net.clusterDomain} svc.${net.clusterDomain} ${net.clusterDomain}\nnameserver ${net.nameserver}\noptions ndots:5\n`;
  vfs.writeFile('/etc/resolv.conf', Buffer.from(resolv));
}

/** Mounts a shared directory at a path (replacing what the image had there). */
export function mount(vfs: Vfs, path: string, node: DirNode, readOnly: boolean, subPath?: string): void {
  if (subPath) {
    const src = node.children.get(subPath);
    if (src) {
      vfs.put(path, src);
      return;
    }
    const d = dir();
    node.children.set(subPath, d);
    vfs.put(path, d);
    return;
  }
  if (readOnly && !node.readOnly) {
    // a read-only view of a writable volume: same children, writes refused at this mount
    const view: DirNode = { ...node, readOnly: true };
    Object.defineProperty(view, 'children', { get: () => node.children });
    vfs.put(path, view);
    return;
  }
  vfs.put(path, node);
}

export { link };
