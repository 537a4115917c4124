/**
 * A node's host filesystem as `kubectl debug node/<n>` sees it under /host: a Debian node image with the
 * kubelet's and containerd's files where a kubeadm node keeps them.
 */
import { dir, file, Vfs, type DirNode } from './vfs';

export function nodeHostRoot(node: string): DirNode {
  const v = new Vfs(dir());
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/local/bin', '/etc/kubernetes/manifests', '/etc/containerd', '/etc/kubernetes/pki', '/var/lib/kubelet/pods', '/var/lib/containerd', '/var/log/pods', '/var/log/containers', '/run/containerd', '/home', '/root', '/tmp', '/proc', '/sys', '/opt/cni/bin', '/etc/cni/net.d']) v.mkdir(d, { parents: true });
  v.writeFile('/etc/hostname', Buffer.from(`${node}\n`));
  v.writeFile('/etc/os-release', Buffer.from('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'));
  v.writeFile('/etc/kubernetes/kubelet.conf', Buffer.from(`apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /etc/kubernetes/pki/ca.crt\n    server: https://10.96.0.1:443\n  name: default-cluster\ncontexts:\n- context:\n    cluster: default-cluster\n    namespace: default\n    user: default-auth\n  name: default-context\ncurrent-context: default-context\nusers:\n- name: default-auth\n  user:\n    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n`));
  v.writeFile('/var/lib/kubelet/config.yaml', Buffer.from('apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\ncontainerRuntimeEndpoint: unix:///run/containerd/containerd.sock\nstaticPodPath: /etc/kubernetes/manifests\n'));
  v.writeFile('/etc/containerd/config.toml', Buffer.from('version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n'));
  for (const b of ['kubelet', 'containerd', 'crictl', 'runc', 'kubeadm']) v.put(`/usr/bin/${b}`, file('', 0o755));
  v.writeFile('/var/log/syslog', Buffer.from(`Dec  1 00:00:00 ${node} systemd[1]: Started kubelet.service - kubelet: The Kubernetes Node Agent.\n`));
  return v.root;
}
